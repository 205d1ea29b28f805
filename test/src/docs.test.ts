import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { launchChromium, watchPage } from "./support/browser.ts";
import { loopbackOnly } from "./support/offline.ts";
import { artifactPath } from "./support/artifacts.ts";

/** /docs with the network cut to loopback: Swagger UI from the installed package lists every operation. */
describe("API docs offline", () => {
  let storageDir = "";
  let server: ApiServer | undefined;
  let browser: Browser | undefined;
  let setupError: unknown = null;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
      storageDir = mkdtempSync(path.join(os.tmpdir(), "gantry-e2e-docs-"));
      server = await startApiServer(storageDir);
    } catch (err) {
      setupError = err;
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  }, 30_000);

  it("renders every operation of /openapi.json without any request off the machine", async () => {
    if (setupError) throw setupError;
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const outside = await loopbackOnly(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    const doc = (await (await fetch(new URL("openapi.json", server!.url))).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.length).toBeGreaterThan(15);

    await page.goto(new URL("docs", server!.url).href);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    // Swagger UI gives each operation block the id operations-<tag>-<operationId>.
    const ids = await page.locator(".opblock").evaluateAll((els) => els.map((e) => e.id));
    for (const op of ops) expect(ids.some((id) => id.endsWith(`-${op}`)), op).toBe(true);
    expect(ids.length).toBe(ops.length);
    await page.screenshot({ path: artifactPath("docs.png"), fullPage: false });

    expect(outside.list).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);
});
