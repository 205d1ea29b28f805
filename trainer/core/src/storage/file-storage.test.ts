import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileStorage } from "./file-storage.ts";
import { noise, runStorageConformance, sha } from "./conformance.ts";

let tmp = "";
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "gantry-fs-"));
  await writeFile(path.join(tmp, "a-file"), "not a directory");
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

runStorageConformance("file", {
  make: () => new FileStorage(path.join(tmp, `t${n++}`)),
  // Every path below a regular file fails with ENOTDIR.
  makeUnreachable: () => new FileStorage(path.join(tmp, "a-file", "root")),
});

describe("FileStorage specifics", () => {
  it("uses an absolute file:// url and maps keys to paths under the root", async () => {
    const s = new FileStorage(path.join(tmp, "layout"));
    expect(s.url).toBe(`file://${path.join(tmp, "layout")}`);
    await s.put("x/y/z.json", "{}");
    expect(await readdir(path.join(tmp, "layout", "x", "y"))).toEqual(["z.json"]);
  });

  it("leaves no temp files behind and prunes emptied directories", async () => {
    const s = new FileStorage(path.join(tmp, "clean"));
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.put(`d/e/${i}`, `v${i}`)));
    expect((await readdir(path.join(tmp, "clean", "d", "e"))).sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(i)).sort());
    expect(await s.deletePrefix("d/")).toBe(10);
    expect(await readdir(path.join(tmp, "clean"))).toEqual([]);
  });

  it("readers never see a torn object while it is overwritten", async () => {
    const s = new FileStorage(path.join(tmp, "torn"));
    const size = 512 * 1024;
    const a = new Uint8Array(size).fill(0xaa);
    const b = new Uint8Array(size).fill(0xbb);
    await s.put("obj", a);
    const writer = (async () => {
      for (let i = 0; i < 12; i++) await s.put("obj", i % 2 ? a : b);
    })();
    const seen = new Set<number>();
    const reader = (async () => {
      for (let i = 0; i < 24; i++) {
        const got = await s.get("obj");
        expect(got?.byteLength).toBe(size);
        const first = got?.[0] ?? -1;
        expect(got?.every((v) => v === first)).toBe(true);
        seen.add(first);
      }
    })();
    await Promise.all([writer, reader]);
    expect([...seen].every((v) => v === 0xaa || v === 0xbb)).toBe(true);
  });

  // Not in the shared suite: s3rver (unlike real S3) can serve a half-written object here.
  it("concurrent writers to one key leave exactly one complete value", async () => {
    const s = new FileStorage(path.join(tmp, "same"));
    const bodies = Array.from({ length: 8 }, (_, i) => noise(64 * 1024, 100 + i));
    await Promise.all(bodies.map((b) => s.put("same/key", b)));
    const got = sha((await s.get("same/key")) ?? new Uint8Array(0));
    expect(bodies.map(sha)).toContain(got);
    expect(await readdir(path.join(tmp, "same", "same"))).toEqual(["key"]);
  });

  // Directory-walk order would put "a/b" before "a-b"; S3 order (UTF-8 bytes) puts it after.
  // Not in the shared suite because s3rver lists in walk order (real S3 sorts).
  it("lists in S3 key order, not directory-walk order", async () => {
    const s = new FileStorage(path.join(tmp, "order"));
    for (const key of ["a0", "a/b", "a-b", "a/a/z"]) await s.put(key, key);
    const keys: string[] = [];
    for await (const o of s.list("a")) keys.push(o.key);
    expect(keys).toEqual(["a-b", "a/a/z", "a/b", "a0"]);
  });

  it("ignores stray temp files when listing", async () => {
    const s = new FileStorage(path.join(tmp, "stray"));
    await s.put("k/real", "1");
    await writeFile(path.join(tmp, "stray", "k", ".real.abc.gantry-tmp"), "partial");
    const keys: string[] = [];
    for await (const o of s.list("")) keys.push(o.key);
    expect(keys).toEqual(["k/real"]);
  });

  it("reports a key that is both an object and a prefix as an I/O error, not silent loss", async () => {
    const s = new FileStorage(path.join(tmp, "clash"));
    await s.put("a", "file");
    await expect(s.put("a/b", "x")).rejects.toThrow();
    expect(await s.getText("a")).toBe("file");
    expect(await s.get("a/b")).toBeNull();
  });
});
