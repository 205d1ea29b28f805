import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, studyKeys, type Storage } from "../storage/index.ts";
import { runStudy } from "./runner.ts";
import { fakeSpawner } from "./testing.ts";

const CONFIG = {
  data: { name: "ring8" },
  losses: ["ns", "wgan-gp"],
  seeds: 2,
  steps: 20,
  evalEvery: 10,
  workers: 2,
  tuning: { trials: 3, seed: 4, space: { lr: { min: 1e-4, max: 1e-3 } } },
};

let dir: string;
let storage: Storage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-tuning-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** swd per run: ns is good only at trial 2 (needs luck), wgan-gp is the same at every trial (robust). */
function swd(runId: string): number {
  const [, loss, trial, seed] = /^(.+)-t(\d)-s(\d)$/.exec(runId)!;
  if (loss === "ns") return trial === "2" ? 0.1 + 0.01 * Number(seed) : 0.9;
  return 0.3;
}

describe("a tuning study on the worker pool (fake runs)", () => {
  it("runs every trial × seed once across an interruption, then reports the best trial and the budget curve", async () => {
    const fake = fakeSpawner(storage, 20, (runId) => (runId === "wgan-gp-t1-s1" ? { kind: "diverge" } : { kind: "succeed", swd: swd(runId) }));
    const stop = new AbortController();
    const first = await runStudy({
      storage,
      id: "tune",
      config: CONFIG,
      spawnRun: fake.spawn,
      samples: false,
      pollMs: 10,
      signal: stop.signal,
      onProgress: (d) => {
        if (d.progress.done >= 4) stop.abort();
      },
    });
    expect(first.status).toBe("interrupted");
    const second = await runStudy({ storage, id: "tune", spawnRun: fake.spawn, samples: false, pollMs: 10 });
    expect(second.status).toBe("succeeded");
    // 2 losses × 3 trials × 2 seeds, each started exactly once over both invocations.
    expect([...fake.calls].sort()).toEqual([...new Set(fake.calls)].sort());
    expect(fake.calls).toHaveLength(12);

    const t = second.document.results!.tuning!;
    expect(t.budget).toEqual({ trialsPerLoss: 3, seedsPerTrial: 2, steps: 20 });
    const [ns, gp] = t.losses;
    expect(ns!.scores.map((s) => s.score)).toEqual([0.9, 0.9, expect.closeTo(0.105, 12)]);
    expect(ns).toMatchObject({ trials: 3, scored: 3, bestTrial: 2, median: 0.9 });
    // A diverged seed fails its trial: wgan-gp has 2 scored trials of 3.
    expect(gp).toMatchObject({ trials: 3, scored: 2, best: 0.3 });
    expect(gp!.scores[1]!.score).toBeNull();
    // ns: best of 1 is 0.105 with probability 1/3 → E = (0.9 + 0.9 + 0.105) / 3; best of 3 is 0.105.
    expect(ns!.curve[0]!.expected).toBeCloseTo((1.8 + 0.105) / 3, 12);
    expect(ns!.curve[2]!.expected).toBeCloseTo(0.105, 12);
    expect(gp!.curve[0]).toMatchObject({ expected: 0.3, pAllFailed: expect.closeTo(1 / 3, 12) });
    // The ranking and final metrics describe each loss at its best trial.
    const res = second.document.results!;
    expect(res.losses.find((l) => l.loss === "ns")!.final.swd!.mean).toBeCloseTo(0.105, 12);
    expect(res.ranking[0]!.loss).toBe("ns");

    const md = (await storage.getText(studyKeys("tune").summary))!;
    expect(md).toContain("## Tuning: score vs number of trials");
    expect(md).toContain("| loss | scored trials | best (3 trials × 2 seeds × 20 steps) |");
    expect(md).toContain("E[best of 2] [10–90 %] (2 trials × 2 seeds × 20 steps)");
    const html = (await storage.getText(studyKeys("tune").report))!;
    expect(html).toContain("Expected best");
    // The budget stands beside every per-loss number, in both reports: the ranking's value column and the loss column
    // of the final, best and failure tables (this study sets no thresholds) say what each loss's best trial ran.
    const budget = "best of 3 trials, 2 seeds × 20 steps";
    expect(res.budget).toBe(budget); // stored in study.json's results, so the dashboard states it too
    const count = (s: string, part: string) => s.split(part).length - 1;
    expect(md).toContain(`| # | loss | mean [95 % CI] (${budget}) | finished seeds | note |`);
    expect(count(md, `| loss (${budget}) |`)).toBe(3);
    expect(md).toContain("| run | status | final swd (20 steps) |");
    expect(html).toContain(`<th>mean [95 % CI] (${budget})</th>`);
    expect(count(html, `<th>loss (${budget})</th>`)).toBe(3);
    // The curves are the best trial's too: ns's other trials end at swd 0.9, its best at 0.1; wgan-gp is 0.3.
    const swdChart = /<svg [^>]*aria-label="swd [^"]*vs step \(mean over 2 seeds of each loss&#39;s best of 3 trials[\s\S]*?<\/svg>/.exec(html);
    expect(swdChart).not.toBeNull();
    const yTicks = [...swdChart![0].matchAll(/text-anchor="end"[^>]*>([-\d.e]+)</g)].map((m) => Number(m[1]));
    expect(yTicks.length).toBeGreaterThan(2);
    expect(Math.max(...yTicks)).toBeLessThan(0.5);
  }, 60_000); // 12 fake runs plus report writes: well under a second idle, several on a loaded shared machine
});
