import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";

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

export const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException || (err as { name?: string })?.name === "ConditionalCheckFailedException";
