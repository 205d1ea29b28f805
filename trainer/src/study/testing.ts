import type { TrainingStatus } from "@gantry/core";
import { studyKeys, type Storage } from "../storage/index.ts";
import type { RunExit, SpawnRun } from "./spawn.ts";

/** What a fake run does: write a final status (and metrics) and exit with a code, or die without writing. */
export type FakeOutcome = { kind: "succeed"; swd: number; modes?: number } | { kind: "diverge" } | { kind: "crash" } | { kind: "bad-config" };

/**
 * A SpawnRun that trains nothing: it writes the files a real run would end with (status.json, metrics.jsonl), so
 * the runner, aggregation and service can be tested in milliseconds. `plan(runId, attempt)` picks the outcome.
 */
export function fakeSpawner(
  storage: Storage,
  steps: number,
  plan: (runId: string, attempt: number) => FakeOutcome,
): { spawn: SpawnRun; calls: string[]; threads: Array<string | undefined> } {
  const calls: string[] = [];
  const threads: Array<string | undefined> = [];
  const attempts = new Map<string, number>();
  const spawn: SpawnRun = (spec) => {
    calls.push(spec.runId);
    threads.push(spec.wasmThreads);
    const attempt = (attempts.get(spec.runId) ?? 0) + 1;
    attempts.set(spec.runId, attempt);
    const keys = studyKeys(spec.studyId).run(spec.runId);
    const outcome = plan(spec.runId, attempt);
    const exited = (async (): Promise<RunExit> => {
      await new Promise((r) => setTimeout(r, 5));
      if (outcome.kind === "crash") return { code: null, signal: "SIGKILL", outputTail: "killed" };
      if (outcome.kind === "bad-config") return { code: 2, signal: null, outputTail: "invalid training config: x" };
      const now = new Date().toISOString();
      const diverged = outcome.kind === "diverge";
      const step = diverged ? Math.floor(steps / 2) : steps;
      const status: TrainingStatus = {
        id: spec.runId,
        status: diverged ? "failed" : "succeeded",
        progress: { step, steps, stepsPerSecond: 100, etaSeconds: diverged ? null : 0 },
        latestMetrics: null,
        error: diverged ? { code: "diverged", message: `diverged at step ${step}: dLoss is NaN` } : null,
        backend: "cpu",
        createdAt: now,
        startedAt: now,
        finishedAt: now,
        updatedAt: now,
        attempt,
      };
      const lines: unknown[] = [];
      for (let s = steps / 2; s <= step; s += steps / 2) {
        lines.push({ step: s, dLoss: diverged && s === step ? null : 1, gLoss: 1, realMean: 0.5, fakeMean: -0.5, elapsedMs: 10 * s });
        if (!diverged) lines.push({ step: s, eval: { swd: outcome.swd, modesCaptured: outcome.modes ?? 8 } });
      }
      await storage.put(keys.metrics, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
      await storage.putJson(keys.status, status);
      return { code: diverged ? 1 : 0, signal: null, outputTail: "" };
    })();
    return { exited, terminate: () => undefined };
  };
  return { spawn, calls, threads };
}
