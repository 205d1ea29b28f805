import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { contrastRatio, seriousViolations } from "./support/a11y.ts";
import { artifactPath } from "./support/artifacts.ts";
import { watchPage, type PageProblems } from "./support/browser.ts";
import { useE2e } from "./support/e2e.ts";

/**
 * Studies end to end in Chromium: a tiny ring8 study (2 losses × 2 seeds, 60 steps, 16-unit MLPs) created from the
 * form, its page with the ranking, the bands per loss and the samples side by side, a run's own page, its HTML
 * report's chart text contrast, and axe-core over the dashboard's views.
 */
const ADVANCED = { model: { gHidden: [16, 16], dHidden: [16, 16] }, evalEvery: 30, workers: 1 };

describe("studies and accessibility in Chromium", () => {
  const e2e = useE2e("gantry-e2e-study-");
  let page: Page;
  let problems: PageProblems;
  let studyId = "";
  beforeAll(async () => {
    if (e2e.setupError) return;
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    problems = watchPage(page);
  });

  it("creates a study from the form and shows its ranking with intervals", async () => {
    e2e.ready();
    await page.goto(`${e2e.server.url}#/studies`);
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
    await page.fill("#s-seeds", "2");
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
    // Each row: rank, mean [lo, hi], two seeds, and a bar on the shared axis.
    for (const r of await rows.all()) {
      expect(await r.locator("td").nth(1).textContent()).toMatch(/^-?[\d.e+-]+ \[-?[\d.e+-]+, -?[\d.e+-]+\]$/);
      expect(await r.locator("td").nth(3).textContent()).toBe("2");
      expect(await r.locator(".ci-bar").count()).toBe(1);
    }
    expect(await page.locator("table.ranking caption").textContent()).toContain("Ranking by final swd");
    expect(await page.locator("table.ranking caption").textContent()).toContain("; 2 seeds × 60 steps");

    // The primary metric against step with a band per loss: evaluations at steps 30 and 60, two seeds each.
    const band = page.locator("figure.band-chart");
    await expect.poll(() => band.getAttribute("data-series")).toBe("2");
    expect(await band.getAttribute("data-points")).toBe("2");
    expect((await band.locator(".legend li").allTextContents()).sort()).toEqual(["hinge", "ns"]);
    await band.locator("canvas").first().waitFor({ state: "attached" });
    const summary = (await band.locator(".chart-summary").textContent()) ?? "";
    for (const loss of ["ns", "hinge"])
      expect(summary).toMatch(new RegExp(`${loss} [\\d.e+-]+ \\[[\\d.e+-]+, [\\d.e+-]+\\] at step 60 \\(2 seeds\\)`));
    // The last point of each band is the ranking's mean (both are the mean over seeds of the final swd).
    const curves = await page.evaluate(async (sid) => (await fetch(`v1/studies/${sid}/curves`)).json(), studyId);
    for (const r of await rows.all()) {
      const loss = await r.locator("th").textContent();
      const last = curves.groups.find((g: { loss: string }) => g.loss === loss).points.at(-1);
      expect(last.step).toBe(60);
      const ranked = Number((await r.locator("td").nth(1).textContent())!.split(" ")[0]); // 4 significant digits
      expect(Math.abs(ranked - last.mean)).toBeLessThanOrEqual(Math.abs(last.mean) * 5e-4);
    }
    // Another metric redraws the chart.
    await page.selectOption("#study-metric", "modesCaptured");
    await expect.poll(() => band.locator("h3").textContent()).toBe("Modes captured");
    // Final samples per loss, side by side, each linking to its run.
    const figs = page.locator(".loss-samples figure");
    expect(await figs.count()).toBe(2);
    for (const f of await figs.all()) {
      await expect.poll(() => f.locator("img.samples").evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 }).toBe(512);
    }
    const [a, b] = await Promise.all((await figs.all()).map((f) => f.boundingBox()));
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 2);
    await page.screenshot({ path: artifactPath("study.png"), fullPage: true });

    // Every run links to its own page: its curves, final metrics and samples from its checkpoint.
    expect(await page.locator("ul.runs li a").count()).toBe(4);
    await page.click("ul.runs li[data-run='ns-s1'] a");
    await page.waitForURL(new RegExp(`#/studies/${studyId}/runs/ns-s1$`));
    await expect.poll(() => page.locator("h1").textContent()).toBe("Run ns-s1");
    await expect.poll(() => page.locator("figure.curve:has(h3:text-is('Losses'))").getAttribute("data-points")).not.toBe("0");
    expect(await page.locator("figure.curve:has(h3:text-is('Modes captured'))").getAttribute("data-points")).toBe("2");
    expect(await page.locator("table.final-metrics caption").textContent()).toBe("Last evaluation, at step 60");
    expect(await page.locator("table.final-metrics tbody th").allTextContents()).toContain("Modes captured");
    const runImg = page.locator(".sample-panel img.samples");
    await expect.poll(() => runImg.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 }).toBe(512);
    expect(await page.locator(".facts").textContent()).toContain("ns · 1");
    await page.screenshot({ path: artifactPath("study-run.png"), fullPage: true });
    expect(problems.list).toEqual([]);
  }, 420_000);

  it("the study report's chart text is not outlined and has contrast ≥ 4.5:1", async () => {
    e2e.ready();
    expect(studyId).toMatch(/^s-/);
    await page.goto(`${e2e.server.url}v1/studies/${studyId}/report?format=html`);
    const texts = await page.locator("svg text").evaluateAll((els) =>
      els.map((t) => {
        const svg = t.closest("svg")!;
        const bg = getComputedStyle(svg.querySelector("rect")!).fill;
        const cs = getComputedStyle(t);
        return { text: t.textContent, fill: cs.fill, stroke: cs.stroke, bg };
      }),
    );
    expect(texts.length).toBeGreaterThan(20); // axis ticks, labels, titles and legends of several charts
    for (const t of texts) {
      expect(t.stroke, t.text ?? "").toBe("none");
      expect(contrastRatio(t.fill, t.bg), `${t.text}: ${t.fill} on ${t.bg}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: artifactPath("study-report.png"), fullPage: false });
  }, 60_000);

  it("axe-core finds no serious or critical violation on the dashboard's views", async () => {
    e2e.ready();
    const views = ["#/trainings", "#/models", "#/studies", `#/studies/${studyId}`, `#/studies/${studyId}/runs/ns-s0`, "#/datasets", "#/compare"];
    const found: Record<string, unknown> = {};
    for (const v of views) {
      await page.goto(`${e2e.server.url}${v}`);
      await page.waitForLoadState("networkidle");
      const violations = await seriousViolations(page);
      if (violations.length) found[v] = violations;
    }
    expect(found).toEqual({});
  }, 120_000);
});
