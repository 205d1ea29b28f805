import type { Dataset, Toy2D } from "../data/types.ts";
import { EVALUATOR_DATASETS, evaluateImages, type EvaluatorDataset } from "../evaluator/index.ts";
import { DivergedError } from "../engine/divergence.ts";
import type { TrainingSession } from "../engine/session.ts";
import { matrix, modeMetrics, slicedWasserstein1 } from "../metrics/index.ts";
import { hashSeed, Stream } from "../util/rng.ts";
import type { BestMetric } from "../checkpoint/format.ts";

/** Samples for one evaluation: the VEEGAN/PacGAN 2500 for toys, 1000 for everything else. */
function evalCount(ds: Dataset): number {
  return ds.info.kind === "toy2d" ? 2500 : 1000;
}

/** The committed LeNet evaluator that applies to a run, or null (other data, or a class filter it was not fit to). */
export function imageEvaluatorFor(ds: Dataset, classes: readonly number[] | undefined): EvaluatorDataset | null {
  const id = ds.info.id as EvaluatorDataset;
  const shape = ds.info.sampleShape.join("x");
  return EVALUATOR_DATASETS.includes(id) && shape === "28x28x1" && !classes ? id : null;
}

/**
 * The metric that elects best.json: FD on the LeNet features for mnist / fashion-mnist, else sliced W1 to the data
 * (defined for every dataset kind). Lower is better for both.
 */
export function bestMetricFor(ds: Dataset, classes: readonly number[] | undefined): BestMetric {
  return imageEvaluatorFor(ds, classes) ? { name: "fd_lenet", direction: "min" } : { name: "swd", direction: "min" };
}

/** Generated samples of G (or its EMA when kept) as a plain array; no tensor outlives the call. */
export function generate(session: TrainingSession, n: number, seed: number): Float32Array {
  const t = session.sample(n, seed, { ema: session.ema !== null });
  try {
    return Float32Array.from(t.dataSync() as Float32Array);
  } finally {
    t.dispose();
  }
}

/**
 * The job's evaluation: sliced Wasserstein-1 ("swd", 64 directions) between generated samples and real data for
 * every dataset; the mode-coverage metrics (modesCaptured, highQualityFraction, reverseKL) for mixture toys; and
 * the LeNet image metrics (fd_lenet, kid, precision, recall, density, coverage, classes_found, class_kl,
 * classifier_score) for mnist / fashion-mnist without a class filter. Latents, real samples and directions are
 * seeded from the config seed, so evaluations are reproducible. An image-evaluator failure is reported through
 * `onWarning` and leaves the other metrics.
 */
export async function evaluateSession(
  session: TrainingSession,
  opts: { onWarning?: (message: string) => void } = {},
): Promise<Record<string, number>> {
  const ds = session.dataset;
  const n = evalCount(ds);
  const dim = ds.info.sampleShape.reduce((a, b) => a * b, 1);
  const seed = hashSeed(session.config.seed, Stream.eval);
  const fake = generate(session, n, seed);
  if (!fake.every(Number.isFinite)) throw new DivergedError(session.step, "generated samples");
  const real = ds.take(n, { seed }).data;
  const rows = Math.min(n, real.length / dim);
  const out: Record<string, number> = {
    swd: slicedWasserstein1(matrix(real.subarray(0, rows * dim), rows, dim), matrix(fake, n, dim), {
      seed,
      projections: 64,
    }).value,
  };
  const toy = ds as Partial<Toy2D>;
  if (ds.info.kind === "toy2d" && toy.modes && toy.modes.length >= 2 && toy.sigma) {
    const m = modeMetrics(matrix(fake, n, 2), toy.modes, toy.sigma);
    out.modesCaptured = m.modesCaptured;
    out.highQualityFraction = m.highQualityFraction;
    out.reverseKL = m.reverseKL;
  }
  const evaluator = imageEvaluatorFor(ds, session.config.data.classes);
  if (evaluator) {
    try {
      const im = await evaluateImages(evaluator, fake, n, { nReal: n, seed: session.config.seed });
      const { n_real: _r, n_fake: _f, ...values } = im;
      Object.assign(out, values);
    } catch (err) {
      opts.onWarning?.(`image metrics skipped: ${(err as Error).message}`);
    }
  }
  return out;
}
