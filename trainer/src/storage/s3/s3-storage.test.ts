import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "./s3-storage.ts";
import { type S3rverHandle, startS3rver } from "./s3rver-process.ts";
import { runStorageConformance } from "@gantry/core/storage-conformance";
import type { S3Options } from "../s3-options.ts";

const BUCKET = "gantry-test";
let dir = "";
let server: S3rverHandle | undefined;
let endpoint = "";
let n = 0;

// s3rver accepts any well-formed signature made with its fixed demo credentials.
const opts = (): S3Options => ({
  endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  pageSize: 2,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-s3rver-"));
  server = await startS3rver(dir, BUCKET);
  endpoint = server.endpoint;
}, 30_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

runStorageConformance("s3 (s3rver)", {
  // Each test gets its own prefix in the shared bucket, which also exercises prefix handling.
  make: () => new S3Storage(BUCKET, `t${n++}/run`, opts()),
  // Port 1 on loopback refuses connections; one attempt keeps the failure fast.
  makeUnreachable: () => new S3Storage(BUCKET, "dead", { ...opts(), endpoint: "http://127.0.0.1:1", maxAttempts: 1 }),
});

describe("S3Storage specifics", () => {
  it("stores keys under the bucket prefix and strips it when listing", async () => {
    const s = new S3Storage(BUCKET, "nested/pre/", opts());
    expect(s.url).toBe(`s3://${BUCKET}/nested/pre/`);
    await s.put("k/v.txt", "hi", { contentType: "text/plain" });
    const root = new S3Storage(BUCKET, "", opts());
    expect(await root.getText("nested/pre/k/v.txt")).toBe("hi");
    const keys: string[] = [];
    for await (const o of s.list("")) keys.push(o.key);
    expect(keys).toEqual(["k/v.txt"]);
    expect((await s.head("k/v.txt"))?.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("paginates ListObjectsV2 with continuation tokens", async () => {
    const s = new S3Storage(BUCKET, "paging", opts());
    let listCalls = 0;
    s.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "ListObjectsV2Command") listCalls++;
        return next(args);
      },
      { step: "initialize" },
    );
    for (let i = 0; i < 5; i++) await s.put(`k${i}`, String(i));
    const keys: string[] = [];
    for await (const o of s.list("k")) keys.push(o.key);
    expect(keys).toEqual(["k0", "k1", "k2", "k3", "k4"]);
    expect(listCalls).toBe(3); // pages of 2, 2, 1
  });

  it("treats a missing bucket as an error, not a missing key", async () => {
    const s = new S3Storage("no-such-bucket", "", opts());
    await expect(s.get("k")).rejects.toThrow(/no-such-bucket.*NoSuchBucket/);
  });

  it("rejects an out-of-range page size and an invalid prefix", () => {
    expect(() => new S3Storage(BUCKET, "", { ...opts(), pageSize: 0 })).toThrow(/pageSize/);
    expect(() => new S3Storage(BUCKET, "a/../b", opts())).toThrow(/a\/\.\.\/b/);
  });
});
