import os from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, studyKeys, type Storage } from "../storage/index.ts";
import { readStudy, runStudy } from "./runner.ts";
import type { StudyDocument } from "./state.ts";
import { fakeSpawner } from "./testing.ts";

const CONFIG = {
  data: { name: "ring8" },
  losses: ["ns", "hinge", "wgan-gp"],
  seeds: 2,
  steps: 20,
  evalEvery: 10,
  workers: 2,
  thresholds: [{ metric: "modes", op: ">=", value: 7.5 }],
};

let dir: string;
let storage: Storage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-runner-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runStudy with fake runs", () => {
  it("retries crashed runs, gives up after maxAttempts, keeps diverged and bad-config runs as failed", async () => {
    const fake = fakeSpawner(storage, 20, (runId, attempt) => {
      if (runId === "ns-s0") return attempt === 1 ? { kind: "crash" } : { kind: "succeed", swd: 0.1 };
      if (runId === "hinge-s1") return { kind: "crash" };
      if (runId === "wgan-gp-s0") return { kind: "diverge" };
      if (runId === "wgan-gp-s1") return { kind: "bad-config" };
      return { kind: "succeed", swd: runId.startsWith("ns") ? 0.12 : 0.3, modes: 8 };
    });
    const progress: StudyDocument[] = [];
    const pinned = process.env["GANTRY_WASM_THREADS"];
    process.env["GANTRY_WASM_THREADS"] = "auto"; // the test runner pins 1; a user's default is "auto"
    const r = await runStudy({
      storage,
      id: "fake1",
      config: CONFIG,
      spawnRun: fake.spawn,
      samples: false,
      maxAttempts: 3,
      pollMs: 20,
      onProgress: (d) => progress.push(d),
    }).finally(() => {
      if (pinned === undefined) delete process.env["GANTRY_WASM_THREADS"];
      else process.env["GANTRY_WASM_THREADS"] = pinned;
    });
    // Two workers share the cores: each run's wasm gets half of them (at least one thread).
    expect(new Set(fake.threads)).toEqual(new Set([String(Math.max(1, Math.floor(os.availableParallelism() / 2)))]));
    expect(r).toMatchObject({ status: "succeeded", exitCode: 0, spawned: 2 + 3 + 1 + 1 + 1 + 1 });
    const byId = Object.fromEntries(r.document.runs.map((x) => [x.runId, x]));
    expect(byId["ns-s0"]).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(byId["hinge-s1"]).toMatchObject({ status: "failed", attempts: 3, error: { code: "crashed" } });
    expect(byId["hinge-s1"]!.error!.message).toMatch(/signal SIGKILL after 3 attempts/);
    expect(byId["wgan-gp-s0"]).toMatchObject({ status: "failed", attempts: 1, error: { code: "diverged" } });
    expect(byId["wgan-gp-s1"]).toMatchObject({ status: "failed", attempts: 1, error: { code: "bad_config" } });
    expect(r.document.progress).toMatchObject({ total: 6, done: 6, failed: 3, running: 0, fraction: 1 });
    // Seed by seed, heaviest first within a seed (wgan-gp: 5 critic updates + a gradient penalty).
    expect(fake.calls.filter((c, i) => fake.calls.indexOf(c) === i)).toEqual(["wgan-gp-s0", "ns-s0", "hinge-s0", "wgan-gp-s1", "ns-s1", "hinge-s1"]);
    expect(progress.some((d) => d.progress.running === 2)).toBe(true);
    // Progress only grows.
    const fractions = progress.map((d) => d.progress.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]! - 1e-12)).toBe(true);

    const res = r.document.results!;
    const ns = res.losses.find((l) => l.loss === "ns")!;
    expect(ns.final.swd).toEqual({ mean: 0.11, lo: 0.1, hi: 0.12, n: 2 });
    expect(ns.thresholds[0]).toMatchObject({ reached: 2, evaluated: 2, steps: { mean: 10, lo: 10, hi: 10, n: 2 } });
    const wgp = res.losses.find((l) => l.loss === "wgan-gp")!;
    expect([wgp.diverged, wgp.failures, wgp.failureRate, wgp.incomplete]).toEqual([1, 1, 1, 1]);
    expect(res.ranking.map((e) => e.loss)).toEqual(["ns", "hinge", "wgan-gp"]);
    expect(res.ranking[2]!.note).toBe("no finished run");
    const md = (await storage.getText(studyKeys("fake1").summary))!;
    // The budget beside the numbers: seeds × steps per loss, steps per run.
    expect(md).toContain("| # | loss | mean [95 % CI] (2 seeds × 20 steps) | finished seeds | note |");
    expect(md).toContain("| loss (2 seeds × 20 steps) | modesCaptured >= 7.5: reached | steps | seconds |");
    expect(md).toContain("| run | status | final swd (20 steps) |");
    expect(md).toMatch(/\| hinge-s1 \| failed \| — \| — \| crashed: run process ended with signal SIGKILL/);
    expect(md).toMatch(/\| wgan-gp-s0 \| failed \| — \| — \| diverged; diverged: diverged at step 10/);
  });

  it("continues a stored study without a config and refuses a different config for the same id", async () => {
    const fake = fakeSpawner(storage, 20, () => ({ kind: "succeed", swd: 0.2 }));
    const r = await runStudy({ storage, id: "fake1", spawnRun: fake.spawn, samples: false });
    expect(r.status).toBe("succeeded");
    expect(fake.calls).toEqual([]); // every run had ended (succeeded or failed)
    await expect(runStudy({ storage, id: "fake1", config: { ...CONFIG, seeds: 3 }, spawnRun: fake.spawn })).rejects.toThrow(
      /already exists with a different config/,
    );
    await expect(runStudy({ storage, id: "nope", spawnRun: fake.spawn })).rejects.toThrow(/does not exist/);
    // A different worker count, name or description is not a different study (the new labels are kept).
    const again = await runStudy({
      storage,
      id: "fake1",
      config: { ...CONFIG, workers: 1, name: "renamed" },
      spawnRun: fake.spawn,
      samples: false,
    });
    expect(again.spawned).toBe(0);
    expect(again.document.name).toBe("renamed");
  });

  it("continues a study stored before `data` was the field's name (its config holds `dataset`)", async () => {
    const fake = fakeSpawner(storage, 20, () => ({ kind: "succeed", swd: 0.2 }));
    const first = await runStudy({ storage, id: "old1", config: { ...CONFIG, losses: ["ns"], seeds: 1 }, spawnRun: fake.spawn, samples: false });
    expect(first.status).toBe("succeeded");
    // Rewrite the stored document as an older version wrote it.
    const { data, ...config } = first.document.config;
    await storage.putJson(studyKeys("old1").study, { ...first.document, status: "interrupted", config: { ...config, dataset: data } });
    expect((await readStudy(storage, "old1"))?.config.data).toEqual({ name: "ring8" });
    const again = await runStudy({ storage, id: "old1", spawnRun: fake.spawn, samples: false });
    expect([again.status, again.spawned, again.document.config.data]).toEqual(["succeeded", 0, { name: "ring8" }]);
    expect("dataset" in again.document.config).toBe(false);
  });

  it("stops starting runs when aborted and ends interrupted", async () => {
    const controller = new AbortController();
    const fake = fakeSpawner(storage, 20, () => {
      controller.abort();
      return { kind: "succeed", swd: 0.2 };
    });
    const r = await runStudy({
      storage,
      id: "fake2",
      config: { ...CONFIG, workers: 1 },
      spawnRun: fake.spawn,
      signal: controller.signal,
      samples: false,
    });
    expect(r).toMatchObject({ status: "interrupted", exitCode: 3, spawned: 1 });
    expect(r.document.runs.filter((x) => x.status === "pending")).toHaveLength(5);
    const rest = fakeSpawner(storage, 20, () => ({ kind: "succeed", swd: 0.2 }));
    const resumed = await runStudy({ storage, id: "fake2", spawnRun: rest.spawn, samples: false });
    expect(resumed).toMatchObject({ status: "succeeded", spawned: 5 });
  });
});
