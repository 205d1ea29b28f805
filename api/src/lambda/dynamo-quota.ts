import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { IdempotencyQuota } from "../http/idempotency-quota.ts";
import { isConditionFailure, type DynamoState } from "./dynamo-table.ts";

/**
 * Per-API-key caps on idempotency records kept in DynamoDB: the same `IdempotencyQuota` (count and bytes) as the
 * local store, enforced across every Lambda instance with conditional writes.
 *
 * Records live `windowMs` (the idempotency TTL), so every live record was saved in the current window or the one
 * before. Each key has one usage item per window (`idemq#<keyId>#<window>`: records, bytes); a save reserves room
 * with one conditional UpdateItem on the current window's item — ADD records 1, bytes n, only if the sum with the
 * previous window's (read first) stays within the quota. DynamoDB applies the condition and the ADD atomically, so
 * concurrent instances cannot overshoot within a window. The bound: the cap is exceeded only by reservations made into
 * the previous window after this one began (requests in flight at the boundary, or an instance whose clock lags),
 * which the previous-window read missed — at most the key's concurrent requests at that instant. Usage counts are
 * never decremented (DynamoDB's TTL deletes records without telling anyone), so they over-count, never under-count:
 * within two windows everything a key saved is forgotten again.
 *
 * The local store deletes a key's oldest records to make room; here the new record is the one not kept (its
 * response stands, it just cannot be replayed), because finding a key's oldest record across instances would need an
 * ordered index per key, and refusing needs one conditional write.
 */
export function dynamoIdempotencyQuota(s: DynamoState, quota: IdempotencyQuota, windowMs: number) {
  const key = (keyId: string, w: number) => ({ pk: { S: `idemq#${keyId}#${w}` } });
  return {
    /** Reserves room for one record of `bytes` for `keyId` at time `now`; false when that would exceed the quota. */
    async reserve(keyId: string, bytes: number, now: number): Promise<boolean> {
      const w = Math.floor(now / windowMs);
      const prev = (await s.client.send(new GetItemCommand({ TableName: s.table, Key: key(keyId, w - 1), ConsistentRead: true }))).Item;
      const roomRecords = quota.maxRecords - Number(prev?.records?.N ?? 0) - 1;
      const roomBytes = quota.maxBytes - Number(prev?.bytes?.N ?? 0) - bytes;
      if (roomRecords < 0 || roomBytes < 0) return false;
      try {
        await s.client.send(
          new UpdateItemCommand({
            TableName: s.table,
            Key: key(keyId, w),
            UpdateExpression: "ADD records :one, #bytes :size SET #ttl = :ttl",
            ConditionExpression:
              "(attribute_not_exists(records) OR records <= :roomRecords) AND (attribute_not_exists(#bytes) OR #bytes <= :roomBytes)",
            ExpressionAttributeNames: { "#bytes": "bytes", "#ttl": "ttl" },
            ExpressionAttributeValues: {
              ":one": { N: "1" },
              ":size": { N: String(bytes) },
              ":roomRecords": { N: String(roomRecords) },
              ":roomBytes": { N: String(roomBytes) },
              // Needed while the next window still counts this one.
              ":ttl": { N: String(Math.ceil(((w + 2) * windowMs) / 1000) + 60) },
            },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}
