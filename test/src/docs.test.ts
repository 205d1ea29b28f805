import { describe, expect, it } from "vitest";
import { artifactPath } from "./support/artifacts.ts";
import { watchPage } from "./support/browser.ts";
import { useE2e } from "./support/e2e.ts";
import { loopbackOnly } from "./support/offline.ts";

/** /docs with the network cut to loopback: Swagger UI from the installed package lists every operation. */
describe("API docs offline", () => {
  const e2e = useE2e("gantry-e2e-docs-");

  it("renders every operation of /openapi.json without any request off the machine", async () => {
    e2e.ready();
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const outside = await loopbackOnly(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    type Operations = Record<string, Record<string, { operationId: string }>>;
    const doc = (await (await fetch(new URL("openapi.json", e2e.server.url))).json()) as { paths: Operations; webhooks?: Operations };
    // Swagger UI draws the document's webhooks (the training webhook) as operation blocks too.
    const ops = [doc.paths, doc.webhooks ?? {}].flatMap((group) => Object.values(group).flatMap((p) => Object.values(p).map((o) => o.operationId)));
    expect(ops.length).toBeGreaterThan(15);
    expect(ops).toContain("trainingWebhook");

    await page.goto(new URL("docs", e2e.server.url).href);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    // Swagger UI gives each operation block the id operations-<tag>-<operationId>.
    const ids = await page.locator(".opblock").evaluateAll((els) => els.map((e) => e.id));
    for (const op of ops)
      expect(
        ids.some((id) => id.endsWith(`-${op}`)),
        op,
      ).toBe(true);
    expect(ids.length).toBe(ops.length);
    await page.screenshot({ path: artifactPath("docs.png"), fullPage: false });

    expect(outside.list).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);
});
