import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Storage } from "@gantry/trainer/storage";
import { idempotencyRecordKey, type IdempotencyStore, type StoredResponse } from "../http/idempotency-store.ts";
import { takeToken, type RateLimit, type RateLimiter } from "../http/rate-limit.ts";

/**
 * State shared by every Lambda instance, in one DynamoDB table (partition key `pk`, TTL attribute `ttl`).
 * Why DynamoDB rather than S3 conditional writes: claims need "create if absent OR expired" and rate limits need a
 * compare-and-swap on a counter, which DynamoDB's condition expressions give in one request, and both can be proven
 * on loopback against dynalite (s3rver ignores If-None-Match on PUT, so an S3 claim could not be tested here).
 */
export interface DynamoState {
  client: DynamoDBClient;
  table: string;
}

/** DynamoDB items are at most 400 KB; larger records (rare: big non-sampling bodies) are kept in storage. */
const INLINE_RECORD_BYTES = 350 * 1024;

const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException || (err as { name?: string })?.name === "ConditionalCheckFailedException";

/** Idempotency claims (conditional put: absent or expired) and records; `storage` keeps oversized records. */
export function dynamoIdempotencyStore(s: DynamoState, storage: Storage): IdempotencyStore {
  const pk = (scope: string) => ({ pk: { S: `idem#${scope}` } });
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
      const inStorage = Buffer.byteLength(json) > INLINE_RECORD_BYTES;
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
