import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { ObjectInfo, Storage } from "./types.ts";
import { InvalidKeyError } from "./validate.ts";

export interface ConformanceTarget {
  /** A fresh, empty storage per test; a paging backend should use a page size of 2. */
  make(): Promise<Storage> | Storage;
  /** A storage on which every I/O fails (bad root, closed port), to prove validation precedes I/O. */
  makeUnreachable(): Storage;
}

async function collect(it: AsyncIterable<ObjectInfo>): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const info of it) out.push(info);
  return out;
}

/** Deterministic pseudo-random bytes (xorshift32), cheap enough for 20 MB. */
export function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

const BAD_KEYS = ["", "/abs", "..", "a/../b", "./a", "a//b", "a/", "a\\b", "a\u0000b", "a\nb", "x.gantry-tmp"];

/** The behaviour every Storage backend must share; call once per backend from a *.test.ts file. */
export function runStorageConformance(name: string, target: ConformanceTarget): void {
  describe(`${name} storage conformance`, () => {
    let s: Storage;
    beforeEach(async () => {
      s = await target.make();
    });

    it("round-trips binary, text and JSON", async () => {
      const bin = Uint8Array.from({ length: 256 }, (_, i) => i);
      await s.put("a/bin.dat", bin);
      expect(await s.get("a/bin.dat")).toEqual(bin);
      await s.put("a/text.txt", "héllo ✓ 😀\n");
      expect(await s.getText("a/text.txt")).toBe("héllo ✓ 😀\n");
      expect((await s.head("a/text.txt"))?.size).toBe(Buffer.byteLength("héllo ✓ 😀\n"));
      const value = { step: 120, loss: [0.25, -1.5], nested: { ok: true, none: null } };
      await s.putJson("a/v.json", value);
      expect(await s.getJson("a/v.json")).toEqual(value);
      await s.put("a/empty", new Uint8Array(0));
      expect(await s.get("a/empty")).toEqual(new Uint8Array(0));
    });

    it("returns null for missing keys", async () => {
      await s.put("m/present", "x");
      for (const key of ["m/absent", "nope/at/all", "m/present/below"]) {
        expect(await s.get(key)).toBeNull();
        expect(await s.getText(key)).toBeNull();
        expect(await s.getJson(key)).toBeNull();
        expect(await s.head(key)).toBeNull();
      }
    });

    it("head reports exact size and a current modification time", async () => {
      const before = Date.now();
      await s.put("h/obj", new Uint8Array(1234));
      const info = await s.head("h/obj");
      expect(info?.key).toBe("h/obj");
      expect(info?.size).toBe(1234);
      const t = info?.lastModified.getTime() ?? 0;
      // Some servers keep whole seconds, so allow a little slack either side.
      expect(t).toBeGreaterThanOrEqual(before - 2000);
      expect(t).toBeLessThanOrEqual(Date.now() + 2000);
    });

    it("lists every key under a prefix, sorted, across pages", async () => {
      const under = ["p/a", "p/b", "p/c/d", "p/c/e", "p/f"];
      // Written out of order so a backend that merely returns creation order fails.
      for (const key of ["p/f", "px/a", "p/c/e", "q/p", "p/a", "p/c/d", "p/b"]) {
        await s.put(key, "x".repeat(under.indexOf(key) + 1 || 9));
      }
      const listed = await collect(s.list("p/"));
      expect(listed.map((o) => o.key)).toEqual(under);
      expect(listed.map((o) => o.size)).toEqual([1, 2, 3, 4, 5]);
      // A prefix is a plain string prefix, not a directory.
      expect((await collect(s.list("p"))).map((o) => o.key)).toEqual([...under, "px/a"]);
      expect((await collect(s.list("p/c"))).map((o) => o.key)).toEqual(["p/c/d", "p/c/e"]);
      expect((await collect(s.list(""))).length).toBe(7);
      expect(await collect(s.list("zzz/"))).toEqual([]);
    });

    it("overwrite replaces content and size", async () => {
      await s.put("o/k", "a much longer first value");
      await s.put("o/k", "short");
      expect(await s.getText("o/k")).toBe("short");
      expect((await s.head("o/k"))?.size).toBe(5);
      expect((await collect(s.list("o/"))).length).toBe(1);
    });

    it("delete removes a key and tolerates missing ones", async () => {
      await s.put("d/one", "1");
      await s.put("d/two", "2");
      await s.delete("d/one");
      expect(await s.get("d/one")).toBeNull();
      expect((await collect(s.list("d/"))).map((o) => o.key)).toEqual(["d/two"]);
      await expect(s.delete("d/one")).resolves.toBeUndefined();
      await expect(s.delete("never/was")).resolves.toBeUndefined();
    });

    it("deletePrefix removes exactly the matching keys and counts them", async () => {
      for (const key of ["r/1", "r/2", "r/sub/3", "r/sub/4", "r/5", "rx/keep", "keep"]) await s.put(key, key);
      expect(await s.deletePrefix("r/")).toBe(5);
      expect((await collect(s.list(""))).map((o) => o.key)).toEqual(["keep", "rx/keep"]);
      expect(await s.deletePrefix("r/")).toBe(0);
      await s.put("r/again", "new"); // the emptied prefix stays writable
      expect(await s.getText("r/again")).toBe("new");
    });

    it("round-trips a 20 MB object byte-identically", async () => {
      const big = noise(20 * 1024 * 1024 + 13, 7);
      await s.put("big/blob.bin", big);
      expect((await s.head("big/blob.bin"))?.size).toBe(big.byteLength);
      const back = await s.get("big/blob.bin");
      expect(back?.byteLength).toBe(big.byteLength);
      expect(sha(back ?? new Uint8Array(0))).toBe(sha(big));
    }, 60_000);

    it("20 concurrent writers to different keys all land intact", async () => {
      const bodies = Array.from({ length: 20 }, (_, i) => noise(4096 + i, i + 1));
      await Promise.all(bodies.map((b, i) => s.put(`c/${String(i).padStart(2, "0")}/w.bin`, b)));
      const listed = await collect(s.list("c/"));
      expect(listed.length).toBe(20);
      for (const [i, b] of bodies.entries()) {
        expect(sha((await s.get(`c/${String(i).padStart(2, "0")}/w.bin`)) ?? new Uint8Array(0))).toBe(sha(b));
      }
    });

    it("rejects invalid keys and prefixes before any I/O", async () => {
      const dead = target.makeUnreachable();
      // Sanity: real I/O on this instance fails with something other than InvalidKeyError.
      const ioErr = await dead.put("ok/key", "x").then(
        () => null,
        (e: unknown) => e,
      );
      expect(ioErr).toBeInstanceOf(Error);
      expect(ioErr).not.toBeInstanceOf(InvalidKeyError);
      for (const key of BAD_KEYS) {
        await expect(dead.get(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(dead.put(key, "x")).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(dead.putJson(key, {})).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(dead.head(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(dead.delete(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(s.put(key, "x")).rejects.toThrow(JSON.stringify(key));
      }
      for (const prefix of ["/abs/", "a/../", "a//", "..", "a\\"]) {
        await expect(collect(dead.list(prefix))).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(dead.deletePrefix(prefix)).rejects.toBeInstanceOf(InvalidKeyError);
      }
      await expect(dead.deletePrefix("")).rejects.toBeInstanceOf(InvalidKeyError);
      expect(await collect(s.list(""))).toEqual([]);
    });

    it("getJson names the key when the stored JSON is corrupt", async () => {
      await s.put("j/bad.json", "{not json");
      await expect(s.getJson("j/bad.json")).rejects.toThrow(/j\/bad\.json.*not valid JSON/);
    });

    it("honours an aborted signal", async () => {
      await s.put("sig/k", "v");
      await expect(s.get("sig/k", { signal: AbortSignal.abort() })).rejects.toThrow();
      await expect(s.put("sig/new", "v", { signal: AbortSignal.abort() })).rejects.toThrow();
      expect(await s.get("sig/new")).toBeNull();
    });
  });
}
