/**
 * Test support: a loopback HTTP endpoint for the real AWS SDK v3 clients. It records every request as sent on the
 * wire (method, path, headers with the SigV4 Authorization, body) and answers with what `answer` returns, which
 * tests write in the response shapes the service documents. Serialisation, signing, retries and error parsing are
 * therefore the SDK's own; only the service is stood in for.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface WireRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (every JSON protocol), or undefined. */
  json: unknown;
  /** X-Amz-Target for awsJson protocols (SSM, DynamoDB), else the path: what operation was called. */
  operation: string;
}

export interface WireAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface AwsStub {
  endpoint: string;
  requests: WireRequest[];
  close(): Promise<void>;
}

export async function startAwsStub(answer: (req: WireRequest) => WireAnswer | Promise<WireAnswer>): Promise<AwsStub> {
  const requests: WireRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const target = req.headers["x-amz-target"];
      const path = (req.url ?? "/").split("?")[0]!;
      const rec: WireRequest = {
        method: req.method ?? "",
        path,
        headers: req.headers,
        body,
        json,
        operation: typeof target === "string" ? target : path,
      };
      requests.push(rec);
      Promise.resolve(answer(rec)).then(
        (a) => {
          const text = a.body === undefined ? "" : typeof a.body === "string" ? a.body : JSON.stringify(a.body);
          res.writeHead(a.status ?? 200, { "content-type": "application/json", "x-amzn-requestid": `req-${requests.length}`, ...a.headers });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(err));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An AWS JSON error as Batch (restJson1) and SSM (awsJson1_1) send it: status, X-Amzn-ErrorType, message. */
export function awsError(status: number, type: string, message: string): WireAnswer {
  return { status, headers: { "x-amzn-errortype": type }, body: { __type: type, message } };
}
