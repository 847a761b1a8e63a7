/**
 * "Previous" for keyset-paged console lists without offsets: the URL carries `cursor` (this
 * page) and `trail`, the cursors of the pages before it ("first" for page one).
 */
export interface PagePosition {
  cursor?: string;
  trail: string[];
}

const FIRST = "first";

/** The `trail` parameter as read from a URL (bounded, so a hand-made link stays small). */
export const readTrail = (raw: string | undefined): string[] => (raw ?? "").split(".").filter(Boolean).slice(-200);

export const trailParam = (trail: string[]): string | undefined => (trail.length ? trail.join(".") : undefined);

/** Where Previous, Next and First page go; null where there is nowhere to go. */
export function pageLinks(at: PagePosition, nextCursor: string | null, href: (page: PagePosition) => string) {
  const previous = at.trail.at(-1);
  return {
    number: at.trail.length + 1,
    previous: at.cursor ? href({ cursor: previous && previous !== FIRST ? previous : undefined, trail: at.trail.slice(0, -1) }) : null,
    next: nextCursor ? href({ cursor: nextCursor, trail: [...at.trail, at.cursor ?? FIRST] }) : null,
    first: at.cursor ? href({ trail: [] }) : null,
  };
}
