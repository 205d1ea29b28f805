/**
 * Test helpers for the engine and model tests (not exported from the package): backend selection, resolved configs
 * for a toy or a fake image dataset, and a content hash of a session's exported state.
 */
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs-core";
import { afterEach, beforeAll, beforeEach, expect } from "vitest";
import { initBackend, liveTensors } from "../backend/index.ts";
import type { TestBackend } from "../losses/test-backends.ts";
import { parseTrainingConfig, type TrainingConfigInput } from "@gantry/core";
import type { Dataset, DatasetInfo } from "../data/types.ts";
import type { GanModels } from "../models/types.ts";
import type { ResolvedTrainingConfig } from "@gantry/core";
import { resolveConfig } from "./resolve-config.ts";
import type { SessionState } from "./session-state.ts";

/** Switches tfjs to `name` through initBackend (which also installs gradients and the wasm kernels). */
export async function useBackend(name: TestBackend): Promise<void> {
  await initBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} unavailable`);
}

/** A labelled-image-shaped dataset of smooth random 28×28×1 patterns in [−1, 1], batch k a pure function of (k, seed). */
export function fakeImages(): Dataset {
  const info: DatasetInfo = {
    id: "fake-images",
    kind: "image",
    sampleShape: [28, 28, 1],
    size: 1000,
    classes: null,
    description: "test patterns",
    range: [-1, 1],
  };
  const batch = (k: number, n: number, seed: number) => {
    const out = new Float32Array(n * 784);
    for (let i = 0; i < n; i++) {
      const phase = ((k * 131 + i * 17 + seed) % 97) / 97;
      for (let p = 0; p < 784; p++) out[i * 784 + p] = Math.sin(p / 40 + 6.28 * phase);
    }
    return out;
  };
  return { info, batch, take: (count) => ({ data: batch(0, count, 0), labels: null }) };
}

/** Parses and resolves a config for `info`, with small defaults suited to tests. */
export function resolved(input: Partial<TrainingConfigInput>, info: DatasetInfo): ResolvedTrainingConfig {
  return resolveConfig(parseTrainingConfig({ data: { name: info.id }, loss: { name: "ns" }, ...input }), info);
}

/** SHA-256 over an exported state's step, keys (sorted), shapes and float bytes. */
export function stateHash(state: SessionState): string {
  const h = createHash("sha256").update(`step ${state.step}`);
  for (const k of Object.keys(state.tensors).sort()) {
    const t = state.tensors[k]!;
    h.update(`${k}:${t.shape.join("x")}`).update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
  return h.digest("hex");
}

export { liveTensors };

/**
 * Call inside a describe block (or at a test file's top level): its tests run on `backend`; after each test
 * everything handed to `track` (or `trackModels`) is disposed and the live tensor count must be back where the
 * test started.
 */
export function tensorTestScope(backend: TestBackend = "cpu"): {
  track: <T extends { dispose(): void }>(x: T) => T;
  trackModels: (m: GanModels) => GanModels;
} {
  const owned: Array<{ dispose(): void }> = [];
  let before = 0;
  beforeAll(() => useBackend(backend));
  beforeEach(() => {
    before = liveTensors();
  });
  afterEach(() => {
    owned.splice(0).forEach((x) => x.dispose());
    expect(liveTensors()).toBe(before);
  });
  const track = <T extends { dispose(): void }>(x: T): T => {
    owned.push(x);
    return x;
  };
  const trackModels = (m: GanModels): GanModels => {
    track(m.generator);
    track(m.discriminator);
    return m;
  };
  return { track, trackModels };
}
