import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { openStorage, studyKeys, type Storage } from "../storage/index.ts";
import { loadPreset } from "./presets.ts";
import { runStudy } from "./runner.ts";

let dir: string;
let storage: Storage;
beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-tuning-e2e-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ring8-tuning-tiny preset (child processes)", () => {
  it("runs the same number of trials per loss over every seed and reports the budget curve", async () => {
    const r = await runStudy({ storage, id: "tune-tiny", config: await loadPreset("ring8-tuning-tiny"), samples: false });
    expect(r).toMatchObject({ status: "succeeded", exitCode: 0, spawned: 2 * 3 * 2 });
    const t = r.document.results!.tuning!;
    expect(t.budget).toEqual({ trialsPerLoss: 3, seedsPerTrial: 2, steps: 20 });
    expect(t.losses.map((l) => [l.loss, l.trials, l.scores.length])).toEqual([
      ["ns", 3, 3],
      ["wgan-gp", 3, 3],
    ]);
    for (const l of t.losses) {
      expect(l.scored).toBe(3); // 20 steps of a tiny MLP do not diverge
      expect(l.curve.map((p) => p.k)).toEqual([1, 2, 3]);
      // More trials never make the expected best worse (swd: lower is better), and all 3 give the best trial.
      expect(l.curve[1]!.expected!).toBeLessThanOrEqual(l.curve[0]!.expected! + 1e-12);
      expect(l.curve[2]!.expected!).toBeLessThanOrEqual(l.curve[1]!.expected! + 1e-12);
      expect(l.curve[2]!.expected).toBe(l.best);
      expect(l.best!).toBeGreaterThan(0);
      for (const s of l.scores) expect(s.seeds).toBe(2);
    }
    // The same draw for a trial across losses; wgan-gp also tuned its penalty weight, ns has none.
    const [ns, gp] = t.losses;
    expect(ns!.scores.map((s) => s.values!.lrG)).toEqual(gp!.scores.map((s) => s.values!.lrG));
    expect(ns!.scores.every((s) => s.values!.penaltyWeight === undefined)).toBe(true);
    expect(gp!.scores.every((s) => s.values!.penaltyWeight! >= 1 && s.values!.penaltyWeight! <= 10)).toBe(true);
    const md = (await storage.getText(studyKeys("tune-tiny").summary))!;
    expect(md).toContain("E[best of 3] [10–90 %] (3 trials × 2 seeds × 20 steps)");
    // Every per-loss number states its budget: the ranking and the tables show each loss at its best of 3 trials.
    expect(md).toContain("| # | loss | mean [95 % CI] (best of 3 trials, 2 seeds × 20 steps) | finished seeds | note |");
    expect(md).toContain("| loss (best of 3 trials, 2 seeds × 20 steps) | highQualityFraction | modesCaptured |");
    const html = (await storage.getText(studyKeys("tune-tiny").report))!;
    expect(html).toMatch(/<svg [^>]*aria-label="Expected best/);
    expect(html).toContain("<th>mean [95 % CI] (best of 3 trials, 2 seeds × 20 steps)</th>");
    // Continuing the finished study starts nothing: trials are ordinary, resumable runs.
    const again = await runStudy({ storage, id: "tune-tiny", samples: false });
    expect(again).toMatchObject({ status: "succeeded", spawned: 0 });
  }, 300_000);
});
