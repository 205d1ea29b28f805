import * as tf from "@tensorflow/tfjs-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrainingConfig } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import { resolveConfig } from "../engine/resolve-config.ts";
import { tensorTestScope } from "../engine/testing.ts";
import { buildNetwork, variableKey } from "../models/index.ts";
import { openStorage, type Storage } from "../storage/index.ts";
import { criticField } from "./critic.ts";
import type { TensorMap } from "./format.ts";
import { writeCheckpoint } from "./write.ts";

const { track } = tensorTestScope();
let dir: string;
let storage: Storage;
const toy = makeToy("ring8");
const config = resolveConfig(
  parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "wgan-gp" }, model: { gHidden: [8], dHidden: [8, 8] }, seed: 4 }),
  toy.info,
);
const dataset = { id: "ring8", kind: "toy2d" as const, sampleShape: [2], range: toy.info.range, classes: null };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-critic-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("criticField", () => {
  it("evaluates the checkpoint's discriminator at every cell centre, top row first", async () => {
    const d = track(buildNetwork(config, [2], "d"));
    const tensors: TensorMap = {};
    for (const v of [...d.trainable, ...d.state]) tensors[variableKey(v)] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
    await writeCheckpoint(storage, "crit", { step: 12, tensors }, { config, dataset, backend: "cpu", seed: 4 });

    const f = await criticField(storage, "crit", "latest", { resolution: 4, extent: [-2, 2] });
    expect(f.step).toBe(12);
    expect(f.values.length).toBe(16);
    // Cell centres of a 4 × 4 grid over [−2, 2]: −1.5, −0.5, 0.5, 1.5; row 0 is y = 1.5 (the top).
    const centres = [-1.5, -0.5, 0.5, 1.5];
    const points = centres.flatMap((_, row) => centres.map((x) => [x, centres[3 - row]!])).flat();
    const expected = tf.tidy(() => d.apply(tf.tensor2d(points, [16, 2]), { training: false }).dataSync());
    expect([...f.values]).toEqual([...expected]);
    const box = await criticField(storage, "crit", 12, { resolution: 2 });
    expect(box.extent).toEqual(toy.info.range); // the dataset's plotting box by default
    // A real critic is not constant over the plane.
    expect(Math.max(...f.values) - Math.min(...f.values)).toBeGreaterThan(1e-4);
  });

  it("refuses bad grids and models whose samples are not 2-D points", async () => {
    await expect(criticField(storage, "crit", "latest", { resolution: 1, extent: [-1, 1] })).rejects.toThrow(
      /resolution must be an integer in 2\.\.256/,
    );
    await expect(criticField(storage, "crit", "latest", { resolution: 257, extent: [-1, 1] })).rejects.toThrow(RangeError);
    await expect(criticField(storage, "crit", "latest", { resolution: 8, extent: [1, 1] })).rejects.toThrow(/lo < hi/);
    await expect(criticField(storage, "nope", "latest", { resolution: 8, extent: [-1, 1] })).rejects.toMatchObject({
      name: "CheckpointError",
      code: "not_found",
    });
    const img = resolveConfig(parseTrainingConfig({ data: { name: "mnist" }, loss: { name: "ns" }, model: { gHidden: [4], dHidden: [4] } }), {
      ...toy.info,
      sampleShape: [28, 28, 1],
      kind: "image",
    } as never);
    await writeCheckpoint(
      storage,
      "img",
      { step: 1, tensors: {} },
      {
        config: img,
        dataset: { id: "mnist", kind: "image", sampleShape: [28, 28, 1], range: [-1, 1], classes: null },
        backend: "cpu",
        seed: 0,
      },
    );
    await expect(criticField(storage, "img", "latest", { resolution: 8, extent: [-1, 1] })).rejects.toThrow(/needs 2-D points/);
    const packed = resolveConfig(parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "ns" }, model: { pack: 4 } }), toy.info);
    await writeCheckpoint(storage, "pac", { step: 1, tensors: {} }, { config: packed, dataset, backend: "cpu", seed: 0 });
    await expect(criticField(storage, "pac", "latest", { resolution: 8 })).rejects.toThrow(/packed \(model.pack = 4\)/);
  });
});
