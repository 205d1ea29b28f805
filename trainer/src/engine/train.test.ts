import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { TrainingConfigInput } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import { variableKey } from "../models/variables.ts";
import { DivergedError } from "./divergence.ts";
import { createSession, type TrainingSession } from "./session.ts";
import { tensorTestScope, resolved } from "./testing.ts";
import { train } from "./train.ts";

const ring = makeToy("ring8");
const base = { model: { gHidden: [8], dHidden: [8] }, batchSize: 8 };

// cpu backend; each test's sessions are disposed after it and no tensor may outlive it.
const { track } = tensorTestScope();

async function open(input: Partial<TrainingConfigInput>): Promise<TrainingSession> {
  return track(await createSession(resolved({ ...base, ...input }, ring.info), ring));
}

/** Sets one element of the variable with key `key` to `value`. */
function poison(s: TrainingSession, key: string, value: number): void {
  const nets = [s.models.generator, s.models.discriminator, ...(s.ema ? [s.ema] : [])];
  const v = nets.flatMap((n) => [...n.trainable, ...n.state]).find((x) => variableKey(x) === key)!;
  tf.tidy(() => {
    const data = Float32Array.from(v.dataSync());
    data[0] = value;
    v.assign(tf.tensor(data, v.shape));
  });
}

describe("train", () => {
  it("schedules logs, evals and checkpoints from the step counter", async () => {
    const s = await open({ steps: 10, logEvery: 3, evalEvery: 4, checkpointEvery: 5 });
    const events: string[] = [];
    const result = await train(s, {
      onLog: (l) => events.push(`log ${l.step}`),
      onEval: async (x) => {
        events.push(`eval ${x.step}`);
        return { score: x.step };
      },
      onCheckpoint: async (x, reason) => void events.push(`${reason} ${x.step}`),
    });
    expect(result).toEqual({ status: "succeeded", step: 10, metrics: { score: 10 } });
    expect(events).toEqual(["log 3", "eval 4", "periodic 5", "log 6", "eval 8", "log 9", "log 10", "eval 10", "final 10"]);
  });

  it("an abort finishes the current step, checkpoints as interrupted and resumes on the same schedule", async () => {
    const s = await open({ steps: 6, logEvery: 2, checkpointEvery: 0 });
    const ctl = new AbortController();
    const events: string[] = [];
    const onCheckpoint = async (x: TrainingSession, reason: string) => void events.push(`${reason} ${x.step}`);
    const onLog = (l: { step: number; stepsPerSecond: number }) => {
      events.push(`log ${l.step}`);
      expect(l.stepsPerSecond).toBeGreaterThan(0);
      if (l.step === 2) ctl.abort();
    };
    expect(await train(s, { signal: ctl.signal, onLog, onCheckpoint })).toEqual({ status: "interrupted", step: 2 });
    expect(await train(s, { onLog, onCheckpoint })).toEqual({ status: "succeeded", step: 6 });
    expect(events).toEqual(["log 2", "interrupted 2", "log 4", "log 6", "final 6"]);
  });

  it("a NaN weight makes the next step's loss NaN: DivergedError names the step and d_loss", async () => {
    const s = await open({ steps: 5, logEvery: 5 });
    s.runStep();
    poison(s, "d/dense1/kernel", NaN);
    const err = await train(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergedError);
    expect((err as Error).message).toBe("diverged at step 2: d_loss");
  });

  it("an Inf in a weight that the losses do not see is caught at the next log step, naming the variable", async () => {
    const s = await open({ steps: 5, logEvery: 3, emaDecay: 0.5 });
    poison(s, "ema/g/dense1/kernel", Infinity);
    await expect(train(s)).rejects.toThrow("diverged at step 3: ema/g/dense1/kernel");
  });

  it("a huge learning rate diverges, naming the step and g_loss", async () => {
    const s = await open({
      loss: { name: "wgan" },
      regularizers: [],
      nCritic: 1,
      steps: 200,
      logEvery: 1,
      optimizers: { d: { type: "sgd", lr: 1 }, g: { type: "sgd", lr: 1 } },
      model: { gHidden: [64], dHidden: [64] },
    });
    // WGAN without clipping and SGD at lr 1: G chases an unbounded critic until C(G(z)) overflows.
    await expect(train(s)).rejects.toThrow(/^diverged at step 5: g_loss$/);
    expect(s.step).toBe(5);
  });
});
