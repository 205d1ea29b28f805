/**
 * Per-API-key idempotency caps on DynamoDB (dynalite on loopback): count and bytes as the local store's quota,
 * across "instances" (separate store objects), windowed by the records' TTL, and not overshot by concurrent saves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredResponse } from "../http/idempotency-store.ts";
import { tempStorage } from "../test-support.ts";
import { dynamoIdempotencyQuota } from "./dynamo-quota.ts";
import { dynamoIdempotencyStore } from "./dynamo-state.ts";
import { startDynalite, type DynaliteHandle } from "./dynalite-kit.ts";

const TABLE = "gantry-quota-test";
const HOUR = 3600_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % HOUR); // the start of a window, so offsets below stay inside it

const record = (fingerprint: string, bodyBytes: number, at: number): StoredResponse => ({
  fingerprint,
  status: 201,
  headers: {},
  bodyBase64: Buffer.alloc(bodyBytes, 1).toString("base64"),
  createdAt: new Date(at).toISOString(),
  expiresAt: new Date(at + HOUR).toISOString(),
});

describe("idempotency caps on DynamoDB (dynalite)", () => {
  let db: DynaliteHandle;
  const tmp = tempStorage();
  const state = () => ({ client: db.client, table: TABLE });
  beforeAll(async () => {
    db = await startDynalite(TABLE);
  });
  afterAll(async () => {
    await db.close();
    tmp.cleanup();
  });

  it("keeps at most maxRecords per API key; beyond it the record is not kept and its claim is freed", async () => {
    const caps = { quota: { maxRecords: 3, maxBytes: 1 << 20 }, windowMs: HOUR };
    const instances = [dynamoIdempotencyStore(state(), tmp.storage, caps), dynamoIdempotencyStore(state(), tmp.storage, caps)];
    for (let i = 0; i < 5; i++) {
      const s = instances[i % 2]!;
      expect(await s.claim(`k1/r${i}`, "fp", T0, T0 + 60_000)).toBe("claimed");
      await s.save(`k1/r${i}`, record("fp", 100, T0 + i));
    }
    const kept = await Promise.all([0, 1, 2, 3, 4].map((i) => instances[0]!.get(`k1/r${i}`)));
    expect(kept.map((r) => r !== null)).toEqual([true, true, true, false, false]);
    // The refused request's claim is gone: a retry runs again rather than waiting on a lapsed claim.
    expect(await instances[1]!.claim("k1/r4", "fp", T0 + 10, T0 + 60_000)).toBe("claimed");
    // Another API key has its own quota.
    expect(await instances[0]!.claim("k2/r0", "fp", T0, T0 + 60_000)).toBe("claimed");
    await instances[0]!.save("k2/r0", record("fp", 100, T0));
    expect(await instances[1]!.get("k2/r0")).not.toBeNull();
  });

  it("caps bytes per key: the serialised records' sizes add up to at most maxBytes", async () => {
    const size = Buffer.byteLength(JSON.stringify(record("fp", 3000, T0)));
    // Room for two such records and a half.
    const caps = { quota: { maxRecords: 100, maxBytes: Math.floor(2.5 * size) }, windowMs: HOUR };
    const s = dynamoIdempotencyStore(state(), tmp.storage, caps);
    for (let i = 0; i < 3; i++) {
      await s.claim(`k3/r${i}`, "fp", T0, T0 + 60_000);
      await s.save(`k3/r${i}`, record("fp", 3000, T0 + i));
    }
    expect(await Promise.all([0, 1, 2].map(async (i) => (await s.get(`k3/r${i}`)) !== null))).toEqual([true, true, false]);
  });

  it("counts the previous window too (records live one TTL), and forgets what is two windows old", async () => {
    const q = dynamoIdempotencyQuota(state(), { maxRecords: 3, maxBytes: 1 << 20 }, HOUR);
    const take = (n: number, at: number) => Promise.all(Array.from({ length: n }, () => q.reserve("k4", 10, at)));
    expect(await take(2, T0 + 5)).toEqual([true, true]);
    // Next window: 2 of the 3 are still live, so 1 more.
    expect((await take(2, T0 + HOUR + 5)).filter(Boolean)).toHaveLength(1);
    // The window after: only the 1 from the previous window counts.
    expect((await take(3, T0 + 2 * HOUR + 5)).filter(Boolean)).toHaveLength(2);
  });

  it("20 concurrent saves from 20 instances never keep more than the cap", async () => {
    const caps = { quota: { maxRecords: 5, maxBytes: 1 << 20 }, windowMs: HOUR };
    const q = Array.from({ length: 20 }, () => dynamoIdempotencyQuota(state(), caps.quota, caps.windowMs));
    const granted = await Promise.all(q.map((x) => x.reserve("k5", 100, T0 + 7)));
    expect(granted.filter(Boolean)).toHaveLength(5);
  });
});
