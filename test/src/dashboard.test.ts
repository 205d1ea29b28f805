import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { launchChromium, watchPage, type PageProblems } from "./support/browser.ts";

/**
 * The dashboard end to end: the real API process (tsx, file storage, child-process training jobs on wasm) driven
 * through headless Debian Chromium. One tiny ring8 run (150 steps, 32-unit MLPs) started from the form on an open
 * API; then the same storage served with API keys, where the page must ask for a key and switch to fetch streaming.
 */

const STEPS = 150;
const ADVANCED = { model: { gHidden: [32, 32], dHidden: [32, 32] }, logEvery: 10, checkpointEvery: 75 };
const KEY = "e2e-train-key-0123456789";
const SCREENSHOT = path.join(os.tmpdir(), `gantry-dashboard-${process.pid}.png`);

describe("dashboard in Chromium", () => {
  let storageDir = "";
  let server: ApiServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let trainingId = "";

  /** A fresh browser context (empty localStorage) with a page whose problems are recorded. */
  const openPage = async (): Promise<void> => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    problems = watchPage(page);
  };

  // A setup failure (above all a missing /usr/bin/chromium) is rethrown by each test, so both are reported as
  // failed with its message rather than as skipped by a failed hook.
  let setupError: unknown = null;
  beforeAll(async () => {
    try {
      browser = await launchChromium(); // first: a missing browser fails fast, before the server starts
      storageDir = mkdtempSync(path.join(os.tmpdir(), "gantry-e2e-"));
      server = await startApiServer(storageDir);
      await openPage();
    } catch (err) {
      setupError = err;
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  }, 30_000);

  it("starts a ring8 training from the form, follows it live to succeeded and shows its samples", async () => {
    if (setupError) throw setupError;
    await page.goto(server!.url);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Trainings");
    // The dataset select fills from /v1/datasets and defaults to ring8.
    await page.waitForSelector("#f-dataset option[value='ring8']", { state: "attached" });
    expect(await page.locator("#f-dataset").inputValue()).toBe("ring8");
    expect(await page.locator("#f-loss option").count()).toBe(12);
    await page.selectOption("#f-loss", "ns");
    await page.fill("#f-name", "e2e ring8");
    await page.fill("#f-steps", String(STEPS));
    await page.fill("#f-seed", "3");
    await page.click("summary:has-text('Advanced (JSON)')");
    await page.fill("#f-advanced", JSON.stringify(ADVANCED));
    await page.click("button:has-text('Start training')");

    // The form navigates to the new training's detail view.
    await page.waitForURL(/#\/trainings\/t-[\w.-]+$/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice("#/trainings/".length));
    trainingId = id;
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Training ${id}`);

    // The form's fields and the advanced JSON both reached the API.
    const config = await page.evaluate(async (tid) => (await (await fetch(`v1/trainings/${tid}`)).json()).config, id);
    expect(config).toMatchObject({
      name: "e2e ring8", seed: 3, steps: STEPS, batchSize: 64, data: { name: "ring8" }, loss: { name: "ns" }, ...ADVANCED,
    });

    // Live progress over SSE until the terminal status.
    await page.waitForSelector(".facts-wrap[data-status='succeeded']", { timeout: 120_000 });
    expect(await page.locator(".conn").textContent()).toBe("ended");
    const progress = page.locator(".facts-wrap progress");
    expect(await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([STEPS, STEPS]);
    await expect.poll(() => page.locator(".log").textContent()).toContain("status → succeeded");
    expect(await page.locator(".log").textContent()).toContain("checkpoint periodic at step 75");

    // Loss curves: one logged point every 10 steps, both series drawn.
    await expect.poll(() => page.locator("#chart-desc").textContent()).toContain(`15 logged steps up to step ${STEPS}`);
    for (const cls of ["line-d", "line-g"]) {
      const d = (await page.locator(`path.${cls}`).getAttribute("d")) ?? "";
      expect(d.split("L").length, cls).toBe(15);
    }

    // The final checkpoint's 64-sample scatter plot.
    const img = page.locator("img.samples");
    await img.waitFor({ state: "visible" });
    expect(await img.getAttribute("src")).toContain(`version=${STEPS}`);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.info(`dashboard screenshot: ${SCREENSHOT}`);

    // The list shows the finished run; the models view its preview.
    await page.click("nav a:has-text('Trainings')");
    const row = page.locator(`tr[data-id='${id}']`);
    await expect.poll(() => row.getAttribute("data-status")).toBe("succeeded");
    expect(await row.locator(".progress-text").textContent()).toMatch(new RegExp(`^${STEPS} / ${STEPS} · \\d+\\.\\d/s$`));
    expect(await row.locator("td").nth(1).textContent()).toBe("ns");
    await page.click("nav a:has-text('Models')");
    const preview = page.locator(`li.model[data-id='${id}'] img.preview`);
    await preview.waitFor({ state: "visible" });
    expect(await preview.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    await page.click("nav a:has-text('Studies')");
    await page.waitForSelector("text=No studies yet.");

    expect(problems.list).toEqual([]);
  }, 180_000);

  it("with API keys: asks for a key, rejects a wrong one, then streams events by fetch and shows blob samples", async () => {
    if (setupError) throw setupError;
    expect(trainingId).toMatch(/^t-/); // needs the first test's training
    await context.close();
    await server!.stop();
    server = await startApiServer(storageDir, { GANTRY_API_KEYS: `${KEY}:train` });
    await openPage();

    await page.goto(server.url);
    await page.waitForSelector("#key-dialog[open]");
    expect(await page.locator("#key-reason").textContent()).toContain("no API key");
    await page.fill("#key-input", "wrong-key-0123456789");
    await page.click("#key-form button[value='save']");
    await expect.poll(() => page.locator("#key-reason").textContent()).toContain("the API key is not valid");
    expect(await page.locator("#key-dialog").evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await page.fill("#key-input", KEY);
    await page.click("#key-form button[value='save']");
    await expect.poll(() => page.locator("#key-state").textContent()).toBe("API key set");

    const row = page.locator(`tr[data-id='${trainingId}']`);
    await expect.poll(() => row.getAttribute("data-status")).toBe("succeeded");
    await row.locator("a").click();
    await page.waitForSelector(".facts-wrap[data-status='succeeded']");
    // The replayed stream (read with fetch, since EventSource cannot send the key) ends with the terminal status.
    await expect.poll(() => page.locator(".log").textContent()).toContain("status → succeeded");
    await expect.poll(() => page.locator(".conn").textContent()).toBe("ended");
    await expect.poll(() => page.locator("#chart-desc").textContent()).toContain(`15 logged steps up to step ${STEPS}`);
    const img = page.locator("img.samples");
    await img.waitFor({ state: "visible" });
    expect(await img.getAttribute("src")).toMatch(/^blob:/);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);

    // Only the expected refusals before a valid key was saved; nothing else went wrong.
    const unauthorized = problems.list.filter((p) => /\b401\b/.test(p));
    expect(unauthorized.length).toBeGreaterThan(0);
    expect(problems.list.filter((p) => !unauthorized.includes(p))).toEqual([]);
  }, 120_000);
});
