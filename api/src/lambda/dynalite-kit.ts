/// <reference path="./dynalite.d.ts" />
/** Test support: dynalite (a DynamoDB implementation) on loopback, in memory, with Gantry's state table created. */
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";

export interface DynaliteHandle {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

/** The same key schema as infra's state table: partition key `pk` (string); `ttl` is the expiry attribute. */
export async function startDynalite(table: string): Promise<DynaliteHandle> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    }),
  );
  return { endpoint, client, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
