import Link from "next/link";

const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100";

/** Previous · Page N · Next · First page, for keyset-paged lists (lib/page-trail.ts). */
export function Pager({ links }: { links: { number: number; previous: string | null; next: string | null; first: string | null } }) {
  return (
    <nav aria-label="Pagination" className="flex items-center gap-3 text-sm">
      {links.previous ? (
        <Link href={links.previous} className={button}>
          ← Previous
        </Link>
      ) : null}
      <span className="text-slate-600">Page {links.number}</span>
      {links.next ? (
        <Link href={links.next} className={button}>
          Next →
        </Link>
      ) : null}
      {links.first ? (
        <Link href={links.first} className="text-slate-600 underline">
          First page
        </Link>
      ) : null}
    </nav>
  );
}
