import * as tf from "@tensorflow/tfjs-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import type { CheckpointPointer } from "../checkpoint/format.ts";
import type { TrainingStatus } from "@gantry/core";
import { openStorage, studyKeys, type Storage } from "../storage/index.ts";
import { StudyConfigError } from "./config.ts";
import { runStudy } from "./runner.ts";
import { spawnRunProcess, type SpawnRun } from "./spawn.ts";
import type { StudyDocument } from "./state.ts";

/** 2 losses × 2 seeds on ring8 with tiny networks: seconds per run, mostly process start-up. */
const CONFIG = {
  name: "tiny ring8",
  data: { name: "ring8" },
  model: { gHidden: [16, 16], dHidden: [16, 16] },
  losses: ["ns", "wgan-gp"],
  seeds: 2,
  steps: 100,
  batchSize: 32,
  evalEvery: 20,
  logEvery: 20,
  checkpointEvery: 20,
  thresholds: [{ metric: "modes", op: ">=", value: 1 }],
  workers: 2,
};
const ID = "tiny-ring8";

let dir: string;
let storage: Storage;
const spawned: string[] = [];
const counting: SpawnRun = (spec) => {
  spawned.push(spec.runId);
  return spawnRunProcess(spec);
};

beforeAll(async () => {
  // The report draws final samples in this process; initialise first so tensor counts can be compared.
  await initBackend();
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runKeys = (runId: string) => studyKeys(ID).run(runId);

describe("runStudy end to end (child processes)", () => {
  it("is interrupted mid-run, resumes from checkpoints, then redoes nothing", async () => {
    // 1. Stop the whole study as soon as wgan-gp-s0 has a mid-run checkpoint.
    const controller = new AbortController();
    const watch = setInterval(() => {
      void storage.getJson<CheckpointPointer>(runKeys("wgan-gp-s0").latest).then(
        (p) => {
          if (p && p.step >= 20) controller.abort();
        },
        () => undefined,
      );
    }, 150);
    const seen: StudyDocument[] = [];
    const first = await runStudy({
      storage,
      id: ID,
      config: CONFIG,
      signal: controller.signal,
      spawnRun: counting,
      pollMs: 300,
      onProgress: (d) => seen.push(d),
    }).finally(() => clearInterval(watch));
    expect(first).toMatchObject({ status: "interrupted", exitCode: 3 });
    expect(first.spawned).toBe(spawned.length);
    const stored = (await storage.getJson<StudyDocument>(studyKeys(ID).study))!;
    expect(stored.status).toBe("interrupted");
    const cut = stored.runs.find((r) => r.runId === "wgan-gp-s0")!;
    expect(cut.status).toBe("interrupted");
    expect(cut.step).toBeGreaterThanOrEqual(20);
    expect(cut.step).toBeLessThan(100);
    expect(seen.some((d) => d.runs.some((r) => r.status === "running"))).toBe(true);
    const unfinished = stored.runs.filter((r) => r.status !== "succeeded" && r.status !== "failed").map((r) => r.runId);

    // 2. Continue (config from study.json): only the unfinished runs start, the cut one from its checkpoint.
    const before = tf.memory().numTensors;
    spawned.length = 0;
    const second = await runStudy({ storage, id: ID, spawnRun: counting, pollMs: 300 });
    expect(tf.memory().numTensors).toBe(before); // final-sample generators are disposed
    expect(second).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect([...spawned].sort()).toEqual([...unfinished].sort());
    const st = (await storage.getJson<TrainingStatus>(runKeys("wgan-gp-s0").status))!;
    expect(st).toMatchObject({ status: "succeeded", attempt: 2 });
    // It resumed from the checkpoint written when it was stopped (the step it had reached then, ≥ 20).
    const resumed = /resumed wgan-gp-s0 from step (\d+)/.exec((await storage.getText(runKeys("wgan-gp-s0").events)) ?? "");
    expect(Number(resumed?.[1])).toBeGreaterThanOrEqual(20);
    expect(Number(resumed?.[1])).toBeLessThan(100);
    const evalSteps = ((await storage.getText(runKeys("wgan-gp-s0").metrics)) ?? "")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { step: number; eval?: unknown })
      .filter((l) => l.eval)
      .map((l) => l.step);
    expect(evalSteps).toEqual([20, 40, 60, 80, 100]); // no step twice across the two attempts

    // 3. A third invocation (same config) finds every run ended and starts none.
    spawned.length = 0;
    const third = await runStudy({ storage, id: ID, config: CONFIG, spawnRun: counting, samples: false });
    expect(third).toMatchObject({ status: "succeeded", spawned: 0 });
    expect(spawned).toEqual([]);
    await expect(runStudy({ storage, id: ID, config: { ...CONFIG, steps: 300 }, spawnRun: counting })).rejects.toThrow(StudyConfigError);

    // Outputs: study.json with results, study.md tables, a self-contained report.html.
    const doc = (await storage.getJson<StudyDocument>(studyKeys(ID).study))!;
    expect(doc.progress).toMatchObject({ total: 4, done: 4, fraction: 1, etaSeconds: 0 });
    const res = doc.results!;
    expect(res.losses.map((l) => [l.loss, l.runs, l.finished])).toEqual([
      ["ns", 2, 2],
      ["wgan-gp", 2, 2],
    ]);
    expect(res.metrics).toEqual(["highQualityFraction", "modesCaptured", "reverseKL", "swd"]);
    expect(res.ranking.map((r) => r.loss).sort()).toEqual(["ns", "wgan-gp"]);
    for (const l of res.losses) {
      const swd = l.final.swd!;
      expect(swd.n).toBe(2);
      expect(swd.lo).toBeLessThanOrEqual(swd.mean);
      expect(swd.mean).toBeLessThanOrEqual(swd.hi);
      expect(swd.mean).toBeGreaterThan(0);
    }
    const md = (await storage.getText(studyKeys(ID).summary))!;
    expect(md).toMatch(/^# Study tiny ring8 \(tiny-ring8\)/);
    expect(md).toMatch(/\| 1 \| (ns|wgan-gp) \| [\d.]+ \[[\d.]+, [\d.]+\] \| 2 \|/);
    expect(md).toContain("| modesCaptured >= 1: reached | steps | seconds |");
    const html = (await storage.getText(studyKeys(ID).report))!;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.replaceAll("http://www.w3.org/2000/svg", "")).not.toMatch(/https?:|<script|<link|url\(/);
    // 4 metric charts + 2 D/G charts (+ 2 scatters, written by the second invocation's report).
    expect(html.match(/<svg /g)?.length).toBe(6);
  }, 300_000);

  it("the second invocation's report drew one scatter per loss from the final checkpoints", async () => {
    // Re-draw with samples (the third invocation skipped them) and check the figures.
    const doc = (await storage.getJson<StudyDocument>(studyKeys(ID).study))!;
    const { buildStudyReport } = await import("./report.ts");
    const before = tf.memory().numTensors;
    const r = await buildStudyReport({ storage, doc });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.html.match(/<svg /g)?.length).toBe(8);
    expect(r.html).toMatch(/ns · ns-s0 · step 100/);
    expect(r.html).toMatch(/wgan-gp · wgan-gp-s0 · step 100/);
  }, 60_000);
});
