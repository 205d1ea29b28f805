import type { BrowserContext } from "playwright-core";

/** Requests the page tried to send off the machine; each was aborted before it left. */
export interface OutsideRequests {
  list: string[];
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Cuts `context` off from everything but loopback: every request to another host (http, https, ws) is aborted and
 * recorded, so a test can assert that a page works offline and that it did not even try to reach out.
 */
export async function loopbackOnly(context: BrowserContext): Promise<OutsideRequests> {
  const outside: OutsideRequests = { list: [] };
  await context.route("**/*", async (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === "http:" || u.protocol === "https:" || u.protocol === "ws:" || u.protocol === "wss:") && !LOOPBACK.has(u.hostname)) {
      outside.list.push(route.request().url());
      await route.abort("blockedbyclient");
      return;
    }
    await route.continue();
  });
  return outside;
}
