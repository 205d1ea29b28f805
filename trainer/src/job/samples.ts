import type { Dataset, Toy2D } from "../data/types.ts";
import type { TrainingSession } from "../engine/session.ts";
import type { Storage, TrainingKeys } from "../storage/index.ts";
import { generate } from "./evaluate.ts";
import { imageGridPng, scatterSvg } from "./sample-art.ts";

const SCATTER_POINTS = 1000;
const GRID_IMAGES = 64;

/** A rendered sample file: its key and bytes. */
export interface SampleArt {
  key: string;
  body: Uint8Array | string;
  contentType: string;
}

/**
 * Renders the samples of `session` at its current step: an SVG scatter over real data for 2-D data (first two
 * coordinates of tabular data), a PNG grid for images and square flat vectors. The latent seed is the run's seed,
 * so successive files show the same latents as training goes on. Returns null for data it cannot draw (1-D).
 * Generation happens now (synchronously, before the next step changes the weights); only the upload is deferred.
 */
export function renderSamples(session: TrainingSession, keys: TrainingKeys, real: Float32Array | null): SampleArt | null {
  const ds: Dataset = session.dataset;
  const shape = ds.info.sampleShape;
  const dim = shape.reduce((a, b) => a * b, 1);
  const step = session.step;
  const seed = session.config.seed;
  if (ds.info.kind === "image" || (shape.length === 1 && dim > 2 && Number.isInteger(Math.sqrt(dim)))) {
    const n = GRID_IMAGES;
    return { key: keys.samples(step, "png"), body: imageGridPng(generate(session, n, seed), n, shape), contentType: "image/png" };
  }
  if (dim < 2) return null;
  const fake = generate(session, SCATTER_POINTS, seed);
  const toy = ds as Partial<Toy2D>;
  const svg = scatterSvg(fake, real ?? new Float32Array(0), {
    range: ds.info.range,
    dim,
    title: `${ds.info.id} · step ${step}`,
    ...(toy.modes ? { modes: toy.modes } : {}),
  });
  return { key: keys.samples(step, "svg"), body: svg, contentType: "image/svg+xml" };
}

/** Real points drawn under the scatter (fixed per run). */
export function scatterBackground(ds: Dataset, seed: number): Float32Array | null {
  if (ds.info.kind === "image") return null;
  return ds.take(SCATTER_POINTS, { seed }).data;
}

/** Uploads a rendered sample file. */
export async function writeSampleArt(storage: Storage, art: SampleArt): Promise<void> {
  await storage.put(art.key, art.body, { contentType: art.contentType });
}
