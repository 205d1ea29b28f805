import { describe, expect, it } from "vitest";
import { GantryError } from "./errors.ts";
import { PagePromise } from "./pagination.ts";

/** 7 items served 3 per page, cursor = index of the next item. */
function fetcher(calls: (string | undefined)[]) {
  const items = ["a", "b", "c", "d", "e", "f", "g"];
  return async (cursor: string | undefined) => {
    calls.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = Math.min(items.length, start + 3);
    return { data: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
  };
}

describe("pagination", () => {
  it("iterates every item across pages, lazily", async () => {
    const calls: (string | undefined)[] = [];
    const p = new PagePromise(fetcher(calls));
    expect(calls).toEqual([]);
    const seen: string[] = [];
    for await (const x of p) seen.push(x);
    expect(seen).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(calls).toEqual([undefined, "3", "6"]);
  });

  it("gives a page object for manual paging", async () => {
    const calls: (string | undefined)[] = [];
    const first = await new PagePromise(fetcher(calls));
    expect(first.data).toEqual(["a", "b", "c"]);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data).toEqual(["d", "e", "f"]);
    const last = await second.getNextPage();
    expect(last.nextCursor).toBeNull();
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toBeInstanceOf(GantryError);
  });

  it("stops fetching when the consumer breaks early", async () => {
    const calls: (string | undefined)[] = [];
    for await (const x of new PagePromise(fetcher(calls))) if (x === "b") break;
    expect(calls).toEqual([undefined]);
  });
});
