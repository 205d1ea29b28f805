import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileStorage, StorageUnavailableError, type Storage } from "@gantry/core";
import { RetryingStorage, backoffMs, withStorageRetries, type StorageRetryPolicy } from "./retrying-storage.ts";
import { OutageStorage } from "./outage-storage.ts";

let dir: string;
let files: Storage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-retry-"));
  files = new FileStorage(dir);
  await files.put("a/1", "one");
  await files.put("a/2", "two");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A policy that records its waits instead of sleeping. */
function recording(attempts: number): { policy: StorageRetryPolicy; waits: number[] } {
  const waits: number[] = [];
  return { waits, policy: { attempts, baseMs: 100, maxMs: 300, random: () => 0.5, sleep: async (ms) => void waits.push(ms) } };
}

describe("backoffMs", () => {
  it("doubles from baseMs up to maxMs, half fixed and half jitter", () => {
    const p = (r: number): StorageRetryPolicy => ({ attempts: 9, baseMs: 100, maxMs: 300, random: () => r });
    // caps 100, 200, 300, 300: the wait lies in [cap/2, cap].
    expect([0, 1, 2, 3].map((i) => backoffMs(p(0), i))).toEqual([50, 100, 150, 150]);
    expect([0, 1, 2, 3].map((i) => backoffMs(p(0.999999), i))).toEqual([100, 200, 300, 300]);
    expect(backoffMs(p(0.5), 1)).toBe(150);
  });
});

describe("RetryingStorage", () => {
  it("rides out an outage shorter than its attempts, waiting with backoff between tries", async () => {
    const flaky = new OutageStorage(files);
    const r = recording(4);
    const s = new RetryingStorage(flaky, r.policy);
    flaky.failNext(3);
    expect(await s.getText("a/1")).toBe("one");
    expect(r.waits).toEqual([75, 150, 225]);
    expect(flaky.failures).toBe(3);
  });

  it("gives up after `attempts` tries with the outage error itself", async () => {
    const flaky = new OutageStorage(files);
    const r = recording(3);
    flaky.failNext(Number.POSITIVE_INFINITY);
    await expect(new RetryingStorage(flaky, r.policy).put("a/3", "x")).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(flaky.failures).toBe(3);
    expect(r.waits).toHaveLength(2);
    expect(await files.head("a/3")).toBeNull();
  });

  it("does not retry other errors", async () => {
    const r = recording(5);
    const broken: Storage = Object.assign(Object.create(files) as Storage, {
      get: async () => {
        throw new Error("access denied");
      },
    });
    await expect(new RetryingStorage(broken, r.policy).get("a/1")).rejects.toThrow("access denied");
    expect(r.waits).toEqual([]);
  });

  it("restarts a listing that failed before yielding anything", async () => {
    const flaky = new OutageStorage(files);
    const r = recording(3);
    flaky.failNext(2);
    const keys: string[] = [];
    for await (const o of new RetryingStorage(flaky, r.policy).list("a/")) keys.push(o.key);
    expect(keys).toEqual(["a/1", "a/2"]);
    expect(r.waits).toHaveLength(2);
  });

  it("wraps once", () => {
    const once = withStorageRetries(files);
    expect(withStorageRetries(once)).toBe(once);
    expect(once.url).toBe(files.url);
  });
});
