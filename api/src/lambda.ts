/**
 * AWS Lambda entry points: the same `createApp(deps)` as `npm start`, behind `hono/aws-lambda` (`@hono/aws-lambda`,
 * its announced successor, is not published yet).
 * - `handler`: buffered responses, for API Gateway HTTP API (payload 2.0) or a Function URL (BUFFERED); binary bodies
 *   (PNG, .npy) come back base64-encoded.
 * - `streamingHandler`: a Function URL with InvokeMode RESPONSE_STREAM, so SSE (/v1/trainings/{id}/events) reaches
 *   the client as it is written.
 * - `batchEventsHandler`: EventBridge "Batch Job State Change" (lambda/batch-events.ts).
 * Deps come from the environment (lambda/config.ts): S3 storage, the Batch runner, keys from SSM, shared state in
 * DynamoDB. One app per instance, kept across warm invocations (and with it the generator cache). Metrics: EMF
 * lines on stdout, one per invocation (lambda/emf-metrics.ts).
 */
import { handle, streamHandle } from "hono/aws-lambda";
import { emfMetrics } from "./lambda/emf-metrics.ts";
import { lambdaEntry } from "./lambda/entry.ts";
import { lambdaRuntime } from "./lambda/runtime.ts";

export { batchEventsHandler } from "./lambda/batch-events.ts";

const metrics = emfMetrics();
const entry = lambdaEntry(lambdaRuntime({ metrics }), metrics);

export const handler = handle(entry);

/** Only inside the Lambda Node.js runtime (which provides the `awslambda` global) can a handler stream. */
const runtime = (globalThis as { awslambda?: { streamifyResponse?: unknown } }).awslambda;
export const streamingHandler: ReturnType<typeof streamHandle> =
  typeof runtime?.streamifyResponse === "function"
    ? streamHandle(entry)
    : ((() => {
        throw new Error("streamingHandler needs the Lambda runtime's awslambda global (Function URL, RESPONSE_STREAM)");
      }) as unknown as ReturnType<typeof streamHandle>);
