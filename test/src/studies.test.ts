import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { contrastRatio, seriousViolations } from "./support/a11y.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { artifactPath } from "./support/artifacts.ts";
import { launchChromium, watchPage, type PageProblems } from "./support/browser.ts";

/**
 * Studies end to end in Chromium: a tiny ring8 study (2 losses × 1 seed, 60 steps, 16-unit MLPs) created from the
 * form, its page with the ranking, its HTML report's chart text contrast, and axe-core over the dashboard's views.
 */
const ADVANCED = { model: { gHidden: [16, 16], dHidden: [16, 16] }, evalEvery: 30, workers: 1 };

describe("studies and accessibility in Chromium", () => {
  let storageDir = "";
  let server: ApiServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let studyId = "";
  let setupError: unknown = null;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
      storageDir = mkdtempSync(path.join(os.tmpdir(), "gantry-e2e-study-"));
      server = await startApiServer(storageDir);
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.setDefaultTimeout(30_000);
      problems = watchPage(page);
    } catch (err) {
      setupError = err;
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  }, 30_000);

  it("creates a study from the form and shows its ranking with intervals", async () => {
    if (setupError) throw setupError;
    await page.goto(`${server!.url}#/studies`);
    await page.waitForSelector("#s-dataset option[value='ring8']", { state: "attached" });
    // A preset fills the form from the bundled study file.
    await page.selectOption("#s-preset", "ring8-all-losses");
    expect(await page.locator("#s-steps").inputValue()).toBe("2000");
    expect(await page.locator("fieldset.losses input:checked").count()).toBe(12);
    // Then a CI-sized study instead: two losses, one seed.
    for (const box of await page.locator("fieldset.losses input").all()) await box.setChecked(false);
    await page.check("#s-loss-ns");
    await page.check("#s-loss-hinge");
    await page.fill("#s-name", "e2e tiny study");
    await page.fill("#s-seeds", "1");
    await page.fill("#s-steps", "60");
    await page.fill("#s-batch", "32");
    await page.click("summary:has-text('Advanced (JSON)')");
    await page.fill("#s-advanced", JSON.stringify(ADVANCED));
    await page.click("button:has-text('Start study')");
    await page.waitForURL(/#\/studies\/s-[\w-]+$/);
    studyId = decodeURIComponent(new URL(page.url()).hash.slice("#/studies/".length));

    await page.waitForSelector("article.study[data-status='succeeded']", { timeout: 300_000 });
    const rows = page.locator("table.ranking tbody tr");
    expect(await rows.count()).toBe(2);
    expect((await rows.locator("th").allTextContents()).sort()).toEqual(["hinge", "ns"]);
    // Each row: rank, mean [lo, hi], one seed, and a bar on the shared axis.
    for (const r of await rows.all()) {
      expect(await r.locator("td").nth(1).textContent()).toMatch(/^-?[\d.e+-]+ \[-?[\d.e+-]+, -?[\d.e+-]+\]$/);
      expect(await r.locator("td").nth(3).textContent()).toBe("1");
      expect(await r.locator(".ci-bar").count()).toBe(1);
    }
    expect(await page.locator("table.ranking caption").textContent()).toContain("Ranking by final swd");
    await page.screenshot({ path: artifactPath("study.png"), fullPage: true });
    expect(problems.list).toEqual([]);
  }, 420_000);

  it("the study report's chart text is not outlined and has contrast ≥ 4.5:1", async () => {
    if (setupError) throw setupError;
    expect(studyId).toMatch(/^s-/);
    await page.goto(`${server!.url}v1/studies/${studyId}/report?format=html`);
    const texts = await page.locator("svg text").evaluateAll((els) => els.map((t) => {
      const svg = t.closest("svg")!;
      const bg = getComputedStyle(svg.querySelector("rect")!).fill;
      const cs = getComputedStyle(t);
      return { text: t.textContent, fill: cs.fill, stroke: cs.stroke, bg };
    }));
    expect(texts.length).toBeGreaterThan(20); // axis ticks, labels, titles and legends of several charts
    for (const t of texts) {
      expect(t.stroke, t.text ?? "").toBe("none");
      expect(contrastRatio(t.fill, t.bg), `${t.text}: ${t.fill} on ${t.bg}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: artifactPath("study-report.png"), fullPage: false });
  }, 60_000);

  it("axe-core finds no serious or critical violation on the dashboard's views", async () => {
    if (setupError) throw setupError;
    const views = ["#/trainings", "#/models", "#/studies", `#/studies/${studyId}`, "#/datasets", "#/compare"];
    const found: Record<string, unknown> = {};
    for (const v of views) {
      await page.goto(`${server!.url}${v}`);
      await page.waitForLoadState("networkidle");
      const violations = await seriousViolations(page);
      if (violations.length) found[v] = violations;
    }
    expect(found).toEqual({});
  }, 120_000);
});
