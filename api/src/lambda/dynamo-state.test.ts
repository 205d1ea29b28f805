/**
 * The shared state of the Lambda deployment against a real DynamoDB protocol (dynalite on loopback): idempotency
 * claims are first-writer-wins across "instances" (separate store objects, as separate Lambda instances would
 * have), lapse when their owner dies, and rate-limit buckets are one per key for every instance.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDEMPOTENCY_QUOTA } from "../http/idempotency-quota.ts";
import type { StoredResponse } from "../http/idempotency-store.ts";
import { tempStorage } from "../test-support.ts";
import { dynamoIdempotencyStore, dynamoRateLimiter } from "./dynamo-state.ts";
import { startDynalite, type DynaliteHandle } from "./dynalite-kit.ts";

const TABLE = "gantry-state-test";
const CAPS = { quota: DEFAULT_IDEMPOTENCY_QUOTA, windowMs: 24 * 3600_000 };
const record = (fingerprint: string, bodyBytes: number, expiresAt: number): StoredResponse => ({
  fingerprint,
  status: 201,
  headers: { "content-type": "application/json" },
  bodyBase64: Buffer.alloc(bodyBytes, 7).toString("base64"),
  createdAt: new Date(expiresAt - 1000).toISOString(),
  expiresAt: new Date(expiresAt).toISOString(),
});

describe("DynamoDB state (dynalite)", () => {
  let db: DynaliteHandle;
  const tmp = tempStorage();
  beforeAll(async () => {
    db = await startDynalite(TABLE);
  });
  afterAll(async () => {
    await db.close();
    tmp.cleanup();
  });

  it("first writer wins: of 8 concurrent claims from 8 instances exactly one is granted", async () => {
    const stores = Array.from({ length: 8 }, () => dynamoIdempotencyStore({ client: db.client, table: TABLE }, tmp.storage, CAPS));
    const now = Date.now();
    const results = await Promise.all(stores.map((s) => s.claim("scope-a", "fp-1", now, now + 60_000)));
    expect(results.filter((r) => r === "claimed")).toHaveLength(1);
    expect(results.filter((r) => r === "in-use")).toHaveLength(7);
    expect(await stores[0]!.claim("scope-a", "fp-other", now, now + 60_000)).toBe("other-body");
    // No record until the owner saves one; then every instance reads it.
    expect(await stores[3]!.get("scope-a")).toBeNull();
    await stores[results.indexOf("claimed")]!.save("scope-a", record("fp-1", 10, now + 3600_000));
    const got = await stores[5]!.get("scope-a");
    expect(got?.fingerprint).toBe("fp-1");
    expect(Buffer.from(got!.bodyBase64!, "base64")).toEqual(Buffer.alloc(10, 7));
    // A saved, live record cannot be claimed again.
    expect(await stores[1]!.claim("scope-a", "fp-1", now + 1, now + 60_000)).toBe("in-use");
  });

  it("a claim lapses at its deadline (owner died) and a released claim is free at once", async () => {
    const a = dynamoIdempotencyStore({ client: db.client, table: TABLE }, tmp.storage, CAPS);
    const b = dynamoIdempotencyStore({ client: db.client, table: TABLE }, tmp.storage, CAPS);
    expect(await a.claim("scope-b", "fp", 1000, 2000)).toBe("claimed");
    expect(await b.claim("scope-b", "fp", 1999, 3000)).toBe("in-use");
    expect(await b.claim("scope-b", "fp", 2001, 3000)).toBe("claimed");
    await b.release("scope-b");
    expect(await a.claim("scope-b", "fp", 2002, 4000)).toBe("claimed");
  });

  it("records over DynamoDB's item size go to storage and read back whole", async () => {
    const s = dynamoIdempotencyStore({ client: db.client, table: TABLE }, tmp.storage, CAPS);
    const now = Date.now();
    expect(await s.claim("scope-big", "fp", now, now + 60_000)).toBe("claimed");
    await s.save("scope-big", record("fp", 600 * 1024, now + 3600_000));
    expect(await tmp.storage.head("idempotency/scope-big.json")).not.toBeNull();
    const got = await s.get("scope-big");
    expect(Buffer.from(got!.bodyBase64!, "base64").length).toBe(600 * 1024);
  });

  it("rate limits are one bucket per key across instances (burst 5, 1/s, frozen clock)", async () => {
    const t = 1_800_000_000_000;
    const limit = { ratePerSecond: 1, burst: 5 };
    const limiters = Array.from({ length: 3 }, () => dynamoRateLimiter({ client: db.client, table: TABLE }, limit, () => t));
    const answers: (number | null)[] = [];
    // Sequential across instances: exactly `burst` tokens exist for the key, whoever takes them.
    for (let i = 0; i < 8; i++) answers.push(await limiters[i % 3]!("key-x"));
    expect(answers.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(answers.slice(5)).toEqual([1, 1, 1]);
    // Another key has its own bucket.
    expect(await limiters[0]!("key-y")).toBeNull();
    // Two seconds later two tokens are back: hand-computed 0 + 2 s × 1/s.
    const later = dynamoRateLimiter({ client: db.client, table: TABLE }, limit, () => t + 2000);
    expect([await later("key-x"), await later("key-x"), await later("key-x")]).toEqual([null, null, 1]);
  });

  it("concurrent takes never hand out more tokens than the bucket holds", async () => {
    const t = 1_800_000_000_000;
    const limit = { ratePerSecond: 1, burst: 4 };
    const limiters = Array.from({ length: 6 }, () => dynamoRateLimiter({ client: db.client, table: TABLE }, limit, () => t, 20));
    const answers = await Promise.all(limiters.map((l) => l("key-z")));
    expect(answers.filter((a) => a === null)).toHaveLength(4);
  });
});
