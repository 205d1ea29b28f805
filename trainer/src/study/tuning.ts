import { hashSeed, mulberry32 } from "../util/rng.ts";
import type { RegularizerConfig } from "../regularizers/types.ts";
import type { TrialValues, Tuning, TuningSpace } from "./tuning-space.ts";

type Beta = NonNullable<TuningSpace["beta1"]>;

const logUniform = (u: number, r: { min: number; max: number }) => Math.exp(Math.log(r.min) + u * Math.log(r.max / r.min));
const pick = <T>(u: number, xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(u * xs.length))]!;
const beta = (u: number, b: Beta) => (Array.isArray(b) ? pick(u, b) : b.min + u * (b.max - b.min));

/**
 * The trials of a tuning spec, a pure function of (seed, trial index). Every dimension takes one uniform draw per
 * trial whether or not the space tunes it, so adding a dimension to the space does not change the others' values.
 */
export function drawTrials(t: Tuning): TrialValues[] {
  const s = t.space;
  return Array.from({ length: t.trials }, (_, i) => {
    const u = mulberry32(hashSeed(t.seed, i));
    const [uLr, uTtur, uB1, uB2, uN, uP] = [u(), u(), u(), u(), u(), u()];
    const lrG = logUniform(uLr, s.lr);
    const out: TrialValues = { lrG, lrD: s.tturRatio ? Math.min(1, lrG * logUniform(uTtur, s.tturRatio)) : lrG };
    if (s.beta1) out.beta1 = beta(uB1, s.beta1);
    if (s.beta2) out.beta2 = beta(uB2, s.beta2);
    if (s.nCritic) out.nCritic = pick(uN, s.nCritic);
    if (s.penaltyWeight) out.penaltyWeight = logUniform(uP, s.penaltyWeight);
    return out;
  });
}

/** The run overrides of one trial on top of a loss's regularizers (preset or study overrides). */
export function trialOverrides(
  space: TuningSpace,
  v: TrialValues,
  regularizers: readonly RegularizerConfig[],
): {
  optimizers: { g: OptimizerInput; d: OptimizerInput };
  nCritic?: number;
  regularizers?: RegularizerConfig[];
} {
  const opt = (lr: number): OptimizerInput => ({
    type: space.optimizer,
    lr,
    ...(v.beta1 === undefined ? {} : { beta1: v.beta1 }),
    ...(v.beta2 === undefined ? {} : { beta2: v.beta2 }),
  });
  const weighted = v.penaltyWeight;
  const hasPenalty = regularizers.some((r) => r.type !== "clip");
  return {
    optimizers: { g: opt(v.lrG), d: opt(v.lrD) },
    ...(v.nCritic === undefined ? {} : { nCritic: v.nCritic }),
    ...(weighted !== undefined && hasPenalty
      ? {
          regularizers: regularizers.map((r) =>
            r.type === "gp" ? { ...r, lambda: weighted } : r.type === "r1" || r.type === "r2" ? { ...r, gamma: weighted } : { ...r },
          ),
        }
      : {}),
  };
}

interface OptimizerInput {
  type: TuningSpace["optimizer"];
  lr: number;
  beta1?: number;
  beta2?: number;
}

/** "lr 2.1e-4 (D 6.3e-4) · β1 0.5 · β2 0.99 · n_critic 5 · penalty 3.2": one trial, for tables. */
export function describeTrial(v: TrialValues): string {
  const n = (x: number) => (x !== 0 && Math.abs(x) < 1e-2 ? x.toExponential(1) : String(Number(x.toPrecision(2))));
  return [
    `lr ${n(v.lrG)}${v.lrD !== v.lrG ? ` (D ${n(v.lrD)})` : ""}`,
    v.beta1 === undefined ? "" : `β1 ${n(v.beta1)}`,
    v.beta2 === undefined ? "" : `β2 ${n(v.beta2)}`,
    v.nCritic === undefined ? "" : `n_critic ${v.nCritic}`,
    v.penaltyWeight === undefined ? "" : `penalty ${n(v.penaltyWeight)}`,
  ]
    .filter(Boolean)
    .join(" · ");
}
