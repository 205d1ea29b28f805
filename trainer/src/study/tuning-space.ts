import { z } from "zod";

/**
 * A study's hyperparameter search (the equal-budget protocol of Lucic et al. 2018, "Are GANs Created Equal?",
 * arXiv:1711.10337): every loss gets the same number of trials, each trial a draw from one declared space, each
 * trial trained over all of the study's seeds. Tfjs-free: this is part of the study config.
 */

const Range = (what: string) =>
  z
    .strictObject({ min: z.number().positive(), max: z.number().positive() })
    .refine((r) => r.min <= r.max, { message: `${what}: min must be at most max`, path: ["min"] });

/** A β: a list of choices (drawn uniformly) or a range [min, max] drawn uniformly. */
const Beta = z.union([
  z.array(z.number().min(0).lt(1)).min(1).max(50),
  z
    .strictObject({ min: z.number().min(0).lt(1), max: z.number().min(0).lt(1) })
    .refine((r) => r.min <= r.max, { message: "min must be at most max", path: ["min"] }),
]);

export const TuningSpace = z.strictObject({
  /** Optimizer of both networks in every trial (Lucic et al. use Adam for every loss). */
  optimizer: z.enum(["adam", "rmsprop", "sgd"]).default("adam"),
  /** Generator learning rate, log-uniform on [min, max] (Lucic et al.: [1e-5, 1e-2]). */
  lr: Range("lr").refine((r) => r.max <= 1, { message: "max must be at most 1", path: ["max"] }),
  /**
   * TTUR (Heusel et al. 2017): D's learning rate = G's × a factor drawn log-uniform on [min, max]. Absent: the
   * same learning rate for both networks.
   */
  tturRatio: Range("tturRatio").optional(),
  /** Adam β1 (default: the loss preset's, i.e. not tuned). */
  beta1: Beta.optional(),
  /** Adam β2 (default: not tuned). */
  beta2: Beta.optional(),
  /** Critic updates per generator update, drawn from these choices (default: not tuned). */
  nCritic: z.array(z.number().int().min(1).max(100)).min(1).max(20).optional(),
  /**
   * Weight of the run's gradient penalty (gp λ, r1 / r2 γ), log-uniform on [min, max] (Lucic et al.: λ in
   * [1e-1, 1e2]); losses without a penalty ignore the draw.
   */
  penaltyWeight: Range("penaltyWeight").optional(),
});
export type TuningSpace = z.infer<typeof TuningSpace>;

export const Tuning = z.strictObject({
  /** Trials per loss: the budget, the same for every loss. */
  trials: z.number().int().min(1).max(200),
  /** Seed of the draws. Trial t draws the same values for every loss (common random numbers across losses). */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  space: TuningSpace,
});
export type Tuning = z.infer<typeof Tuning>;

/** One trial's draw: every hyperparameter the space tunes (absent = the loss's preset value). */
export interface TrialValues {
  lrG: number;
  lrD: number;
  beta1?: number;
  beta2?: number;
  nCritic?: number;
  penaltyWeight?: number;
}
