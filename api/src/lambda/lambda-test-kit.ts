/**
 * Test support for the Lambda handlers: real event fixtures adjusted per request, and the `awslambda` global the
 * Node.js runtime provides to streaming handlers. Only the runtime's documented behaviour is reproduced:
 * `streamifyResponse` marks a handler `(event, responseStream, context)`, and `HttpResponseStream.from` writes the
 * HTTP metadata as JSON followed by 8 NUL bytes before the body (the "http-integration-response" framing a Function
 * URL decodes). Tests read the same framing back.
 */
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import type { LambdaEvent } from "hono/aws-lambda";

type Fixture = "http-api-v2" | "function-url";

export interface RequestSpec {
  method?: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A real API Gateway HTTP API (payload 2.0) or Function URL event with this request's line, headers and body. */
export function lambdaEvent(kind: Fixture, r: RequestSpec): LambdaEvent {
  // biome-ignore lint/suspicious/noExplicitAny: a recorded AWS event fixture, patched field by field by the tests
  const e = JSON.parse(readFileSync(new URL(`./fixtures/${kind}.json`, import.meta.url), "utf8")) as Record<string, any>;
  const method = r.method ?? "GET";
  e.rawPath = r.path;
  e.rawQueryString = r.query ?? "";
  e.requestContext.http.method = method;
  e.requestContext.http.path = r.path;
  e.headers = { ...e.headers, ...r.headers };
  if (r.body === undefined) {
    delete e.body;
    e.isBase64Encoded = false;
  } else if (typeof r.body === "string") {
    e.body = r.body;
    e.isBase64Encoded = false;
  } else {
    // Both services deliver non-text bodies base64-encoded.
    e.body = Buffer.from(r.body).toString("base64");
    e.isBase64Encoded = true;
  }
  if (e.body !== undefined) e.headers["content-length"] = String(Buffer.from(e.body, e.isBase64Encoded ? "base64" : "utf8").length);
  else delete e.headers["content-length"];
  return e as LambdaEvent;
}

const DELIMITER = Buffer.alloc(8);

/** Installs `globalThis.awslambda` as the Lambda Node.js runtime defines it for response streaming. */
export function installAwsLambdaGlobal(): void {
  (globalThis as Record<string, unknown>).awslambda = {
    streamifyResponse: <T>(fn: T): T => fn,
    HttpResponseStream: {
      from(stream: Writable, metadata: unknown): Writable {
        stream.write(Buffer.concat([Buffer.from(JSON.stringify(metadata)), DELIMITER]));
        return stream;
      },
    },
  };
}

/** A response stream that collects what a streaming handler writes; `chunks` resolve as they arrive. */
export class CollectingStream extends Writable {
  readonly chunks: Buffer[] = [];
  private waiters: (() => void)[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    for (const w of this.waiters.splice(0)) w();
    cb();
  }
  /** Resolves once the collected bytes satisfy `test` (bounded by the test's timeout). */
  async until(test: (all: Buffer) => boolean): Promise<Buffer> {
    while (!test(Buffer.concat(this.chunks))) await new Promise<void>((r) => this.waiters.push(r));
    return Buffer.concat(this.chunks);
  }
}

/** Splits the runtime's framing: the metadata JSON before the 8 NUL bytes, and the body after them. */
export function splitStreamed(all: Buffer): { metadata: { statusCode: number; headers: Record<string, string> }; body: Buffer } {
  const at = all.indexOf(DELIMITER);
  if (at < 0) throw new Error("no metadata delimiter in the streamed response");
  return { metadata: JSON.parse(all.subarray(0, at).toString("utf8")), body: all.subarray(at + DELIMITER.length) };
}
