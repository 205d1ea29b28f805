import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStorage, trainingKeys, type Storage } from "../storage/index.ts";
import { CheckpointError, type CheckpointPointer, type CheckpointState } from "./format.ts";
import { listCheckpointDirs } from "./prune.ts";
import { readCheckpoint } from "./read.ts";
import { writeCheckpoint } from "./write.ts";

let dir: string;
let storage: Storage;
const ID = "ckpt-test";
const keys = trainingKeys(ID);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-ckpt-"));
  storage = openStorage(`file://${dir}`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function state(step: number): CheckpointState {
  return {
    step,
    tensors: {
      "g/dense0/kernel": { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 1e-30, -0, step]) },
      "g/dense0/bias": { shape: [3], data: Float32Array.from([0.1, 0.2, 0.3]) },
      "d/dense0/kernel": { shape: [3, 1], data: Float32Array.from([7, 8, 9]) },
      "optim/d/iter": { shape: [], data: Float32Array.from([step]) },
    },
  };
}

const META = {
  config: { seed: 5, model: { zDim: 2 } },
  dataset: { id: "ring8", kind: "toy2d" as const, sampleShape: [2], range: [-2, 2] as [number, number], classes: null },
  backend: "cpu",
  seed: 5,
};

describe("writeCheckpoint / readCheckpoint", () => {
  it("round-trips every tensor bit for bit and records the manifest", async () => {
    const s = state(12);
    const written = await writeCheckpoint(storage, ID, s, META);
    expect(written.manifestKey).toBe("trainings/ckpt-test/checkpoints/000000012/manifest.json");
    const back = await readCheckpoint(storage, ID, "latest");
    expect(back.state.step).toBe(12);
    expect(Object.keys(back.state.tensors).sort()).toEqual(Object.keys(s.tensors).sort());
    for (const [name, t] of Object.entries(s.tensors)) {
      expect(back.state.tensors[name]!.shape).toEqual(t.shape);
      expect(Buffer.from(back.state.tensors[name]!.data.buffer)).toEqual(Buffer.from(t.data.buffer));
    }
    // -0 survives (bitwise, not numeric, equality).
    expect(Object.is(back.state.tensors["g/dense0/kernel"]!.data[4], -0)).toBe(true);
    const m = back.manifest;
    expect(m.formatVersion).toBe(1);
    expect(m.rng).toEqual({ seed: 5, step: 12 });
    expect(m.files.map((f) => f.path)).toEqual(["discriminator.weights.bin", "generator.weights.bin", "optimizer_d.weights.bin"]);
    // 6 + 3 generator floats = 36 bytes.
    expect(m.files[1]!.bytes).toBe(36);
    expect(m.files[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const byStep = await readCheckpoint(storage, ID, 12, { groups: ["generator"] });
    expect(Object.keys(byStep.state.tensors).sort()).toEqual(["g/dense0/bias", "g/dense0/kernel"]);
  });

  it("detects a tampered weights file and a tampered manifest", async () => {
    await writeCheckpoint(storage, ID, state(3), META);
    const key = `${keys.checkpoint(3)}generator.weights.bin`;
    const bytes = (await storage.get(key))!;
    const flipped = Uint8Array.from(bytes);
    flipped[5] = flipped[5]! ^ 1;
    await storage.put(key, flipped);
    await expect(readCheckpoint(storage, ID, "latest")).rejects.toThrow(/generator\.weights\.bin fails its sha256/);
    // A read of an untouched group still succeeds.
    await expect(readCheckpoint(storage, ID, 3, { groups: ["discriminator"] })).resolves.toBeTruthy();
    const manifestKey = `${keys.checkpoint(3)}manifest.json`;
    const text = (await storage.getText(manifestKey))!;
    await storage.put(manifestKey, text.replace('"backend": "cpu"', '"backend": "wasm"'));
    await expect(readCheckpoint(storage, ID, "latest")).rejects.toThrow(/does not match the sha256 in its pointer/);
  });

  it("rejects an unknown formatVersion with a clear error", async () => {
    await writeCheckpoint(storage, ID, state(4), META);
    const manifestKey = `${keys.checkpoint(4)}manifest.json`;
    const text = (await storage.getText(manifestKey))!;
    await storage.put(manifestKey, text.replace('"formatVersion": 1', '"formatVersion": 2'));
    const err = await readCheckpoint(storage, ID, 4).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as CheckpointError).code).toBe("unsupported_version");
    expect((err as Error).message).toMatch(/formatVersion 2 is not supported/);
  });

  it("never returns a torn checkpoint through latest", async () => {
    await writeCheckpoint(storage, ID, state(10), META);
    // A crash after the weights and manifest of step 20 but before latest.json: latest still serves step 10.
    await writeCheckpoint(storage, ID, state(20), META);
    const latest20 = (await storage.getJson<CheckpointPointer>(keys.latest))!;
    await writeCheckpoint(storage, ID, state(30), META);
    await storage.putJson(keys.latest, latest20);
    await storage.delete(`${keys.checkpoint(30)}discriminator.weights.bin`);
    expect((await readCheckpoint(storage, ID, "latest")).state.step).toBe(20);
    await expect(readCheckpoint(storage, ID, 30)).rejects.toThrow(/discriminator\.weights\.bin is missing/);
    // Missing pointer: not_found, never a guess.
    await storage.delete(keys.latest);
    await expect(readCheckpoint(storage, ID, "latest")).rejects.toThrow(/no latest\.json/);
  });

  it("keeps the last K plus the best, and never prunes latest or best", async () => {
    const best = { name: "swd", direction: "min" as const };
    const values: Record<number, number> = { 1: 5, 2: 1, 3: 4, 4: 3, 5: 6, 6: 7 };
    const results = [];
    for (const step of [1, 2, 3, 4, 5, 6]) {
      const metrics = { step, values: { swd: values[step]! } };
      results.push(await writeCheckpoint(storage, ID, state(step), { ...META, metrics, best, keepLast: 2 }));
    }
    expect(results.map((r) => r.isBest)).toEqual([true, true, false, false, false, false]);
    const steps = (await listCheckpointDirs(storage, ID)).map((d) => d.step);
    expect(steps).toEqual([2, 5, 6]);
    const bestPtr = (await storage.getJson<CheckpointPointer>(keys.best))!;
    expect(bestPtr.step).toBe(2);
    expect(bestPtr.metric).toEqual({ name: "swd", direction: "min", value: 1 });
    expect((await readCheckpoint(storage, ID, "best")).state.step).toBe(2);
    // Stale metrics (computed at another step) never elect a best.
    const stale = await writeCheckpoint(storage, ID, state(7), {
      ...META,
      metrics: { step: 6, values: { swd: 0 } },
      best,
      keepLast: 2,
    });
    expect(stale.isBest).toBe(false);
    // Unpublished leftovers newer than latest are pruned; keepLast 1 still keeps latest and best.
    await storage.put(`${keys.checkpoint(99)}generator.weights.bin`, new Uint8Array(4));
    await writeCheckpoint(storage, ID, state(8), { ...META, best, keepLast: 1 });
    expect((await listCheckpointDirs(storage, ID)).map((d) => d.step)).toEqual([2, 8]);
  });
});
