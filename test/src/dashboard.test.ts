import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./support/a11y.ts";
import { startApiServer } from "./support/api-server.ts";
import { artifactPath } from "./support/artifacts.ts";
import { watchPage, type PageProblems } from "./support/browser.ts";
import { useE2e } from "./support/e2e.ts";

/**
 * The dashboard end to end: the real API process (tsx, file storage, child-process training jobs on wasm) driven
 * through headless Debian Chromium. One tiny ring8 run (200 steps, 32-unit MLPs) started from the form on an open
 * API; then the same storage served with API keys, where the page must ask for a key and switch to fetch streaming.
 */

const STEPS = 200;
const ADVANCED = { model: { gHidden: [32, 32], dHidden: [32, 32] }, logEvery: 10, checkpointEvery: 50, evalEvery: 100, keepLast: 10 };
const KEY = "e2e-train-key-0123456789";
/** Pixels of a canvas equal (±6 per channel) to the given colour: the dots' fill colours are drawn nowhere else. */
const countColour = (canvas: HTMLCanvasElement, rgb: number[]): number => {
  // Read through a copy: repeated getImageData on the page's own canvas makes Chromium warn about readbacks.
  const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext("2d", { willReadFrequently: true })!;
  copy.drawImage(canvas, 0, 0);
  const d = copy.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4)
    if (Math.abs(d[i]! - rgb[0]!) <= 6 && Math.abs(d[i + 1]! - rgb[1]!) <= 6 && Math.abs(d[i + 2]! - rgb[2]!) <= 6) n++;
  return n;
};

describe("dashboard in Chromium", () => {
  const e2e = useE2e("gantry-e2e-");
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let trainingId = "";
  let metricsRequests = 0;

  /** A fresh browser context (empty localStorage) with a page whose problems are recorded. */
  const openPage = async (): Promise<void> => {
    context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    problems = watchPage(page);
    metricsRequests = 0;
    page.on("request", (r) => {
      if (/\/v1\/trainings\/[^/]+\/metrics/.test(r.url())) metricsRequests++;
    });
  };

  beforeAll(async () => {
    if (!e2e.setupError) await openPage();
  });

  it("starts a ring8 training from the form, follows it live to succeeded and shows its samples", async () => {
    e2e.ready();
    await page.goto(e2e.server.url);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Trainings");
    // The dataset select fills from /v1/datasets and defaults to ring8.
    await page.waitForSelector("#f-dataset option[value='ring8']", { state: "attached" });
    expect(await page.locator("#f-dataset").inputValue()).toBe("ring8");
    expect(await page.locator("#f-loss option").count()).toBe(12);
    // Before starting: the estimate follows the fields; the default (wgan-lp on ring8) is a first run of minutes.
    await expect.poll(() => page.locator("#f-estimate").textContent()).toMatch(/^about (\d+s|1m \d\ds|2m 00s) \(/);
    expect(await page.locator("#f-loss").inputValue()).toBe("wgan-lp");
    const before = await page.locator("#f-estimate").textContent();
    await page.fill("#f-steps", "20000");
    await expect.poll(() => page.locator("#f-estimate").textContent()).not.toBe(before);
    // A bad value shows that field's own message: the browser's check, then the API's 422 for the field.
    await page.fill("#f-steps", "0");
    await page.click("button:has-text('Start training')");
    await expect.poll(() => page.locator("#f-steps-error").textContent()).toMatch(/greater than or equal to 1/);
    expect(await page.locator("#f-steps").getAttribute("aria-invalid")).toBe("true");
    await page.fill("#f-steps", "10");
    expect(await page.locator("#f-steps-error").isHidden()).toBe(true);
    await page.click("summary:has-text('Advanced (JSON)')");
    await page.fill("#f-advanced", JSON.stringify({ batchSize: 0 }));
    await page.click("button:has-text('Start training')");
    await expect.poll(() => page.locator("#f-batch-error").textContent()).toMatch(/\S/);
    expect(await page.locator("#f-batch").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: artifactPath("form-errors.png"), fullPage: false });
    await page.fill("#f-advanced", "");
    // The refused submit is the only problem so far (its 422 and the console line Chromium logs for it).
    expect(problems.list.filter((p) => !/\b422\b/.test(p))).toEqual([]);
    expect(problems.list.length).toBeGreaterThan(0);
    problems.list.length = 0;

    await page.selectOption("#f-loss", "ns");
    await page.fill("#f-name", "e2e ring8");
    await page.fill("#f-steps", String(STEPS));
    await page.fill("#f-seed", "3");
    await page.fill("#f-batch", "64");
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
      name: "e2e ring8",
      seed: 3,
      steps: STEPS,
      batchSize: 64,
      data: { name: "ring8" },
      loss: { name: "ns" },
      ...ADVANCED,
    });

    // Live curves over SSE: while the run is running, the loss chart gains points without re-reading /metrics.
    const lossCurve = page.locator("figure.curve").first();
    await page.waitForSelector(".facts-wrap[data-status='running']", { timeout: 120_000 });
    await expect.poll(async () => Number(await lossCurve.getAttribute("data-points")), { timeout: 60_000 }).toBeGreaterThan(0);
    const early = Number(await lossCurve.getAttribute("data-points"));
    await expect.poll(async () => Number(await lossCurve.getAttribute("data-points")), { timeout: 120_000 }).toBeGreaterThan(early);
    expect(early).toBeLessThan(STEPS / 10);
    await page.screenshot({ path: artifactPath("training-running.png"), fullPage: true });

    await page.waitForSelector(".facts-wrap[data-status='succeeded']", { timeout: 180_000 });
    expect(await page.locator(".conn").textContent()).toBe("ended");
    const progress = page.locator(".facts-wrap progress");
    expect(await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([STEPS, STEPS]);
    await expect.poll(() => page.locator(".log").textContent()).toContain("status → succeeded");
    expect(await page.locator(".log").textContent()).toContain("checkpoint periodic at step 50");
    // Every logged step is on the curves (one every 10 steps); the evaluations at 100 and 200 made metric charts.
    await expect.poll(() => lossCurve.getAttribute("data-points")).toBe(String(STEPS / 10));
    expect(await page.locator("figure.curve h3").allTextContents()).toEqual(
      expect.arrayContaining(["Losses", "Gradient norms", "Critic output", "Modes captured", "Sliced Wasserstein distance (lower is better)"]),
    );
    expect(await page.locator("figure.curve:has(h3:text-is('Modes captured'))").getAttribute("data-points")).toBe("2");
    // The live curves came over the event stream: /metrics was read once, when the page opened.
    expect(metricsRequests).toBe(1);

    // The version slider walks the checkpoints; each frame is the critic field with real and generated points.
    const slider = page.locator("#ckpt-slider");
    const figure = page.locator("figure.checkpoint");
    await expect.poll(() => slider.getAttribute("max")).toBe("3"); // checkpoints 50, 100, 150, 200
    await expect.poll(() => figure.getAttribute("data-version")).toBe(String(STEPS));
    const canvas = page.locator("canvas.field");
    const last = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await page.screenshot({ path: artifactPath("training-succeeded.png"), fullPage: true });
    const real = await canvas.evaluate(countColour, [27, 120, 55]);
    const fake = await canvas.evaluate(countColour, [118, 42, 131]);
    // 500 dots each of radius 2.4 with a white rim: real ones pile up on the ring's 8 tight modes, so far fewer
    // pixels than 500 discs; with no dots drawn these colours would not appear at all.
    expect(real).toBeGreaterThan(50);
    expect(fake).toBeGreaterThan(50);
    // The field behind them spans both ends of the colour map (the critic separates real from fake regions).
    expect(await canvas.evaluate(countColour, [194, 165, 207])).toBeGreaterThan(100);
    expect(await canvas.evaluate(countColour, [166, 219, 160])).toBeGreaterThan(100);
    await slider.focus();
    await page.keyboard.press("Home"); // keyboard: the slider is a native range input
    await expect.poll(() => figure.getAttribute("data-version")).toBe("50");
    expect(await page.locator("#ckpt-label").textContent()).toBe("step 50 (1 of 4)");
    const first = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    expect(first).not.toBe(last);
    await page.screenshot({ path: artifactPath("training-step50.png"), fullPage: false });
    // Accessibility of the richest page: axe-core finds no serious or critical WCAG 2.1 A/AA violation.
    expect(await seriousViolations(page)).toEqual([]);

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
    // The model page: samples of any version with a seed and n, an interpolation strip, metrics per checkpoint.
    await page.click(`li.model[data-id='${id}'] h3 a`);
    await page.waitForURL(/#\/models\//);
    const sampled = page.locator("figure img.samples");
    await sampled.waitFor({ state: "visible" });
    expect(JSON.parse((await sampled.getAttribute("data-request"))!)).toEqual({ n: 64, seed: 1, version: "latest" });
    await page.selectOption("#m-version", "50");
    await page.selectOption("#m-n", "16");
    await page.fill("#m-seed", "7");
    await page.click("button:has-text('Sample')");
    await expect.poll(() => sampled.getAttribute("data-request")).toBe(JSON.stringify({ n: 16, seed: 7, version: 50 }));
    await page.click("button:has-text('Interpolate')");
    await page.locator("img.strip").waitFor({ state: "visible" });
    expect(await page.locator("table.metrics tbody tr").count()).toBe(4); // evaluations stored at 100 and 200; 4 checkpoints
    await page.screenshot({ path: artifactPath("model.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Datasets: each uploaded file is validated on its own; the refusal names the file and the problem.
    await page.click("nav a:has-text('Datasets')");
    await page.setInputFiles("#ds-files", [
      { name: "good.csv", mimeType: "text/csv", buffer: Buffer.from("0.1,0.2\n0.3,0.4\n-0.5,0.6\n") },
      { name: "ragged.csv", mimeType: "text/csv", buffer: Buffer.from("1,2\n3\n") },
    ]);
    await page.click("button:has-text('Upload')");
    await expect.poll(() => page.locator("li[data-file='ragged.csv']").getAttribute("data-state")).toBe("rejected");
    expect(await page.locator("li[data-file='good.csv']").getAttribute("data-state")).toBe("stored");
    expect(await page.locator("li[data-file='ragged.csv'] .error").textContent()).toMatch(/ragged\.csv/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(8); // 7 built-ins + the stored upload
    await page.screenshot({ path: artifactPath("datasets.png"), fullPage: false });
    // The refused upload's 422 is expected; nothing else went wrong.
    expect(problems.list.filter((p) => !/\b422\b/.test(p))).toEqual([]);
    problems.list.length = 0;

    await page.click("nav a:has-text('Studies')");
    await page.waitForSelector("text=No studies yet.");

    expect(problems.list).toEqual([]);
  }, 420_000);

  it("with API keys: asks for a key, rejects a wrong one, then streams events by fetch and shows blob samples", async () => {
    e2e.ready();
    expect(trainingId).toMatch(/^t-/); // needs the first test's training
    await context.close();
    await e2e.server.stop();
    e2e.server = await startApiServer(e2e.storageDir, { GANTRY_API_KEYS: `${KEY}:train` });
    await openPage();

    await page.goto(e2e.server.url);
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
    await expect.poll(() => page.locator("figure.curve").first().getAttribute("data-points")).toBe(String(STEPS / 10));
    // The critic field and the samples are fetched with the key.
    await expect.poll(() => page.locator("figure.checkpoint").getAttribute("data-version")).toBe(String(STEPS));
    // Images cannot send the key: the model previews are fetched and shown from blob: URLs.
    await page.click("nav a:has-text('Models')");
    const img = page.locator(`li.model[data-id='${trainingId}'] img.preview`);
    await img.waitFor({ state: "visible" });
    expect(await img.getAttribute("src")).toMatch(/^blob:/);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);

    // Only the expected refusals before a valid key was saved; nothing else went wrong.
    const unauthorized = problems.list.filter((p) => /\b401\b/.test(p));
    expect(unauthorized.length).toBeGreaterThan(0);
    expect(problems.list.filter((p) => !unauthorized.includes(p))).toEqual([]);
  }, 120_000);

  it("cancel, then resume from the training page: the run goes on from its checkpoint", async () => {
    e2e.ready();
    problems.list.length = 0; // the previous test's expected 401s (before its key was saved)
    // Still the keyed server of the previous test; a long run, so that it is running when canceled.
    const long = { name: "e2e resume", steps: 100_000, data: { name: "ring8" }, loss: { name: "ns" }, ...ADVANCED, checkpointEvery: 20 };
    const id = await page.evaluate(
      async ([config, key]) => {
        const res = await fetch("v1/trainings", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify(config),
        });
        return (await res.json()).id as string;
      },
      [long, KEY] as const,
    );
    await page.goto(`${e2e.server.url}#/trainings/${encodeURIComponent(id)}`); // the URL ends with "/"
    await page.waitForSelector(".facts-wrap[data-status='running']", { timeout: 120_000 });
    expect(await page.locator("button:has-text('Resume training')").isHidden()).toBe(true);
    await expect.poll(() => page.locator(".log").textContent(), { timeout: 60_000 }).toMatch(/checkpoint periodic at step \d+/);
    await page.click("button:has-text('Cancel training')");
    await page.waitForSelector(".facts-wrap[data-status='canceled']");
    await page.click("button:has-text('Resume training')");
    // The page mounts afresh: the replayed stream skips the superseded "canceled" and follows the resumed run live.
    await page.waitForSelector(".facts-wrap[data-status='running']", { timeout: 120_000 });
    await expect.poll(() => page.locator(".log").textContent(), { timeout: 60_000 }).toMatch(/resumed \S+ from step \d+/);
    expect(await page.locator(".log").textContent()).toContain("status → queued");
    expect(await page.locator(".conn").textContent()).not.toBe("ended");
    expect(await page.locator("button:has-text('Resume training')").isHidden()).toBe(true);
    await page.click("button:has-text('Cancel training')");
    await page.waitForSelector(".facts-wrap[data-status='canceled']");
    expect(problems.list).toEqual([]);
  }, 300_000);
});
