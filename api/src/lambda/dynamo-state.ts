import { DeleteItemCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Storage } from "@gantry/trainer/storage";
import { fitsQuota, type IdempotencyQuota } from "../http/idempotency-quota.ts";
import { idempotencyRecordKey, type IdempotencyStore, type StoredResponse } from "../http/idempotency-store.ts";
import { dynamoIdempotencyQuota } from "./dynamo-quota.ts";
import { isConditionFailure, type DynamoState } from "./dynamo-table.ts";

export type { DynamoState } from "./dynamo-table.ts";
import { takeToken, type RateLimit, type RateLimiter } from "../http/rate-limit.ts";

/** DynamoDB items are at most 400 KB; larger records (rare: big non-sampling bodies) are kept in storage. */
const INLINE_RECORD_BYTES = 350 * 1024;

/**
 * Idempotency claims (conditional put: absent or expired) and records; `storage` keeps oversized records. Each API
 * key's records are capped by `caps.quota` (dynamo-quota.ts; `caps.windowMs` = the records' TTL).
 */
export function dynamoIdempotencyStore(s: DynamoState, storage: Storage, caps: { quota: IdempotencyQuota; windowMs: number }): IdempotencyStore {
  const pk = (scope: string) => ({ pk: { S: `idem#${scope}` } });
  const quota = dynamoIdempotencyQuota(s, caps.quota, caps.windowMs);
  const drop = (scope: string) => s.client.send(new DeleteItemCommand({ TableName: s.table, Key: pk(scope) }));
  return {
    async get(scope) {
      const res = await s.client.send(new GetItemCommand({ TableName: s.table, Key: pk(scope), ConsistentRead: true }));
      const item = res.Item;
      if (item?.state?.S !== "done") return null;
      if (item.inStorage?.BOOL) return storage.getJson<StoredResponse>(idempotencyRecordKey(scope));
      return JSON.parse(item.record?.S ?? "null") as StoredResponse | null;
    },
    async claim(scope, fingerprint, now, until) {
      try {
        await s.client.send(
          new PutItemCommand({
            TableName: s.table,
            Item: {
              ...pk(scope),
              state: { S: "pending" },
              fingerprint: { S: fingerprint },
              expiresAt: { N: String(until) },
              ttl: { N: String(Math.ceil(until / 1000)) },
            },
            // A lapsed claim (its owner died) or an expired record may be taken over; a live one may not.
            ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
            ExpressionAttributeValues: { ":now": { N: String(now) } },
          }),
        );
        return "claimed";
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const res = await s.client.send(new GetItemCommand({ TableName: s.table, Key: pk(scope), ConsistentRead: true }));
        return res.Item?.fingerprint?.S === fingerprint ? "in-use" : "other-body";
      }
    },
    async save(scope, rec) {
      const json = JSON.stringify(rec);
      const size = Buffer.byteLength(json);
      // Over the key's quota the record is not kept: the response stands, it cannot be replayed (claim dropped).
      if (!fitsQuota(caps.quota, size) || !(await quota.reserve(scope.split("/")[0]!, size, Date.parse(rec.createdAt)))) {
        await drop(scope);
        return;
      }
      const inStorage = size > INLINE_RECORD_BYTES;
      if (inStorage) await storage.putJson(idempotencyRecordKey(scope), rec);
      const expires = Date.parse(rec.expiresAt);
      await s.client.send(
        new PutItemCommand({
          TableName: s.table,
          Item: {
            ...pk(scope),
            state: { S: "done" },
            fingerprint: { S: rec.fingerprint },
            expiresAt: { N: String(expires) },
            ttl: { N: String(Math.ceil(expires / 1000)) },
            ...(inStorage ? { inStorage: { BOOL: true } } : { record: { S: json } }),
          },
        }),
      );
    },
    async release(scope) {
      try {
        await s.client.send(
          new DeleteItemCommand({
            TableName: s.table,
            Key: pk(scope),
            ConditionExpression: "#state = :pending",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: { ":pending": { S: "pending" } },
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}

/**
 * Token buckets shared by every instance: read the bucket, apply the same step as the in-memory limiter, write it
 * back only if nobody else did meanwhile (optimistic concurrency on `at` + `version`), retrying a few times.
 * A key that keeps losing the race is busy by definition, so it is answered 429 rather than let through.
 */
export function dynamoRateLimiter(s: DynamoState, limit: RateLimit, now: () => number = Date.now, attempts = 5): RateLimiter {
  return async (key) => {
    const Key = { pk: { S: `rate#${key}` } };
    for (let i = 0; i < attempts; i++) {
      const res = await s.client.send(new GetItemCommand({ TableName: s.table, Key, ConsistentRead: true }));
      const version = Number(res.Item?.version?.N ?? 0);
      const prev = res.Item ? { tokens: Number(res.Item.tokens?.N), at: Number(res.Item.at?.N) } : null;
      const { bucket, retryAfter } = takeToken(prev, limit, now());
      // A full bucket is reached after burst/rate seconds: the item is useless after that.
      const ttl = Math.ceil(bucket.at / 1000 + limit.burst / limit.ratePerSecond) + 60;
      try {
        await s.client.send(
          new PutItemCommand({
            TableName: s.table,
            Item: {
              ...Key,
              tokens: { N: String(bucket.tokens) },
              at: { N: String(bucket.at) },
              version: { N: String(version + 1) },
              ttl: { N: String(ttl) },
            },
            ConditionExpression: res.Item ? "version = :v" : "attribute_not_exists(pk)",
            ...(res.Item ? { ExpressionAttributeValues: { ":v": { N: String(version) } } } : {}),
          }),
        );
        return retryAfter;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
    return 1;
  };
}
