import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeToy } from "../data/toys.ts";
import type { Dataset } from "../data/types.ts";
import type { TrainingSession } from "../engine/session.ts";
import { trainingKeys } from "../storage/index.ts";
import { renderSamples, scatterBackground } from "./samples.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Just enough of a session for renderSamples: a dataset, a step, a seed and a sampler of constant value. */
function stubSession(dataset: Dataset, step: number, value: number): TrainingSession {
  const shape = dataset.info.sampleShape;
  return {
    dataset,
    step,
    ema: null,
    config: { seed: 3 },
    sample: (n: number) => tf.fill([n, ...shape], value),
  } as unknown as TrainingSession;
}

const keys = trainingKeys("art");

describe("renderSamples", () => {
  it("draws an 8x8 PNG grid for image data", () => {
    const before = tf.memory().numTensors;
    const images: Dataset = {
      info: { id: "img", kind: "image", sampleShape: [4, 4, 1], size: 10, classes: null, description: "", range: [-1, 1] },
      batch: () => new Float32Array(0),
      take: () => ({ data: new Float32Array(0), labels: null }),
    };
    const art = renderSamples(stubSession(images, 50, 1), keys, null)!;
    expect(art.key).toBe("trainings/art/samples/000000050.png");
    expect(art.contentType).toBe("image/png");
    const png = PNG.sync.read(Buffer.from(art.body as Uint8Array));
    // 8 tiles of 4 px plus 9 gutters of 2 px.
    expect([png.width, png.height]).toEqual([50, 50]);
    expect(png.data[(2 * 50 + 2) * 4]).toBe(255);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("draws an SVG scatter over real points for 2-D toys", () => {
    const before = tf.memory().numTensors;
    const toy = makeToy("ring8");
    const real = scatterBackground(toy, 3)!;
    expect(real.length).toBe(2000);
    const art = renderSamples(stubSession(toy, 7, 0), keys, real)!;
    expect(art.key).toBe("trainings/art/samples/000000007.svg");
    const svg = art.body as string;
    // The real group comes first, then the fakes' group; each holds 1000 dots.
    const groups = [...svg.matchAll(/<g fill="([^"]+)"[^>]*>(.*?)<\/g>/g)].map((m) => [m[1], m[2]!.match(/<circle/g)?.length]);
    expect(groups).toEqual([
      ["#999", 1000],
      ["#e8590c", 1000],
    ]);
    expect(svg.match(/h10M/g)).toHaveLength(8); // one cross per mode
    expect(svg).toContain("ring8 · step 7");
    expect(tf.memory().numTensors).toBe(before);
  });
});
