/** Test helper: a scripted node:http server on 127.0.0.1 (loopback only) that records every request. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export type Handler = (req: Recorded, res: ServerResponse, index: number) => void | Promise<void>;

export interface Loopback {
  url: string;
  requests: Recorded[];
  close: () => Promise<void>;
}

/** Starts a server whose `handler` answers request number `index` (0-based). */
export async function loopback(handler: Handler): Promise<Loopback> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      requests.push(rec);
      Promise.resolve(handler(rec, res, requests.length - 1)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a problem+json response. */
export function problem(res: ServerResponse, status: number, extra: { type?: string; headers?: Record<string, string> } = {}): void {
  const body = {
    type: extra.type ?? `urn:gantry:problem:http-${status}`,
    title: `status ${status}`,
    status,
    detail: `scripted ${status}`,
    instance: "/x",
    requestId: `req-${status}`,
  };
  res.writeHead(status, { "content-type": "application/problem+json", "x-request-id": `req-${status}`, ...extra.headers });
  res.end(JSON.stringify(body));
}

/** Sends a JSON 200. */
export function ok(res: ServerResponse, body: unknown = { ok: true }): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
