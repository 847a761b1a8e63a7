import { describe, expect, it } from "vitest";
import { pageLinks, readTrail, trailParam, type PagePosition } from "./page-trail";

const href = (p: PagePosition) => `/list?${new URLSearchParams({ ...(p.cursor ? { cursor: p.cursor } : {}), ...(trailParam(p.trail) ? { trail: trailParam(p.trail)! } : {}) })}`;

describe("keyset page links", () => {
  it("page one offers Next only", () => {
    expect(pageLinks({ trail: [] }, "c2", href)).toEqual({ number: 1, previous: null, next: "/list?cursor=c2&trail=first", first: null });
    expect(pageLinks({ trail: [] }, null, href)).toEqual({ number: 1, previous: null, next: null, first: null });
  });

  it("walks forward and back through the trail", () => {
    const page2 = { cursor: "c2", trail: ["first"] };
    expect(pageLinks(page2, "c3", href)).toEqual({ number: 2, previous: "/list?", next: "/list?cursor=c3&trail=first.c2", first: "/list?" });
    const page3 = { cursor: "c3", trail: ["first", "c2"] };
    expect(pageLinks(page3, null, href)).toMatchObject({ number: 3, previous: "/list?cursor=c2&trail=first", next: null });
  });

  it("reads a trail from the URL, bounded", () => {
    expect(readTrail(undefined)).toEqual([]);
    expect(readTrail("first.a..b")).toEqual(["first", "a", "b"]);
    expect(readTrail(Array.from({ length: 300 }, (_, i) => `c${i}`).join("."))).toHaveLength(200);
  });
});
