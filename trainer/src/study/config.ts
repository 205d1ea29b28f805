import os from "node:os";
import { z } from "zod";
import { ConfigError, type DataConfig, LOSS_NAMES, LossName, TrainingConfig, parseTrainingConfig, zodIssues } from "@gantry/core";
import { getLoss } from "../losses/index.ts";
import { canonicalMetric } from "./metric-names.ts";
import { drawTrials, trialOverrides } from "./tuning.ts";
import { Tuning, type TrialValues } from "./tuning-space.ts";

/**
 * A loss-comparison study: every loss in `losses` × every seed, all on the same data, model, batch size and step
 * count, each loss with its documented preset (optimizers, regularizers, nCritic) unless `shared` / `perLoss`
 * override it. Strict: unknown keys are rejected with their path.
 */

/**
 * Hyperparameters that may be overridden for every run (`shared`) or one loss (`perLoss`): the training config's own
 * fields (same bounds, one declaration), each optional and without the training's default, so an absent override
 * leaves the loss preset's value. (Zod 4 applies a default even inside .optional(), hence unwrap() not .partial().)
 */
const T = TrainingConfig.shape;
export const RunOverrides = z.strictObject({
  /** Per-network optimizers; a given network replaces the preset's for that network. */
  optimizers: T.optimizers.unwrap().optional(),
  /** Replaces the preset's regularizers ([] = none). */
  regularizers: T.regularizers,
  /** Critic updates per generator update. */
  nCritic: T.nCritic,
  /** EMA of G's weights (0 = off). */
  emaDecay: T.emaDecay.unwrap().optional(),
  /** Write a sample grid / scatter every N steps (0 = off). */
  sampleEvery: T.sampleEvery.unwrap().optional(),
});
export type RunOverrides = z.infer<typeof RunOverrides>;

export const Threshold = z.strictObject({
  /** Eval metric (aliases: modes → modesCaptured, fd → fd_lenet, hq → highQualityFraction). */
  metric: z.string().min(1),
  op: z.enum([">=", "<=", ">", "<"]),
  value: z.number().refine(Number.isFinite, "must be finite"),
});
export type Threshold = z.infer<typeof Threshold>;

export const StudyConfig = z
  .strictObject({
    /** Label shown in reports. */
    name: T.name,
    /** Free text shown in reports (e.g. why widths or steps were chosen). */
    description: z.string().max(4000).optional(),
    /** The data every run trains on (built-in name or upload:<id>, optional class filter): a training's `data`. */
    data: T.data.optional(),
    /**
     * Deprecated alias of `data` (the name studies used before 0.2), accepted for one release so that study files
     * and stored studies written before keep working; giving both is an error.
     */
    dataset: T.data.optional(),
    /** Architecture shared by every run (same fields as a training's `model`). */
    model: T.model,
    /** Losses to compare, or "all" (the 12 built-in losses). */
    losses: z.union([z.literal("all"), z.array(LossName).min(1)]),
    /** A seed count n (seeds 0 … n−1) or an explicit list of seeds. */
    seeds: z.union([z.number().int().min(1).max(1000), z.array(T.seed.unwrap()).min(1).max(1000)]),
    /** Generator updates per run. */
    steps: T.steps.unwrap(),
    /** Samples per batch. */
    batchSize: T.batchSize,
    /** Overrides applied to every run, on top of each loss's preset. */
    shared: RunOverrides.default({}),
    /** Per-loss overrides, on top of the preset and `shared` (optimizers merge per network). */
    perLoss: z.partialRecord(LossName, RunOverrides).default({}),
    /**
     * Evaluate every N steps (default: steps / 20, at least 1); also the resolution of "steps to threshold", so,
     * unlike a training's, it cannot be 0 (= only at the end).
     */
    evalEvery: z.number().int().min(1).optional(),
    /** Log losses every N steps (default: min(10, evalEvery)). */
    logEvery: T.logEvery.unwrap().optional(),
    /** Checkpoint every N steps (default: steps / 4), so a killed study loses at most a quarter of a run. */
    checkpointEvery: T.checkpointEvery.unwrap().optional(),
    /** "Steps / seconds to reach" targets, e.g. { metric: "modes", op: ">=", value: 7.5 }. */
    thresholds: z.array(Threshold).max(20).default([]),
    /** Metric that ranks the losses (final value; default swd, defined for every dataset). */
    primaryMetric: z.string().min(1).default("swd"),
    /** Parallel training processes (default: number of CPU cores). */
    workers: z.number().int().min(1).max(256).optional(),
    /** What counts as a failed run: diverged (NaN/Inf) and/or collapsed coverage (see summariseRun). */
    failure: z
      .strictObject({ diverged: z.boolean().default(true), collapsed: z.boolean().default(true) })
      .default({ diverged: true, collapsed: true }),
    /** TensorFlow.js backend of every run. */
    backend: T.backend,
    /**
     * Equal-budget tuning: every loss gets `trials` draws from `space`, each trained over every seed; a trial's
     * values replace the preset's and the shared / per-loss overrides for what the space tunes.
     */
    tuning: Tuning.optional(),
  })
  // Presence of the data field is checked even when other fields failed (`when`), so a request missing it hears so
  // alongside its other errors, as a required field would; the refinements below need a fully parsed value.
  .superRefine(
    (c, ctx) => {
      if (c.data === undefined && c.dataset === undefined) ctx.addIssue({ code: "custom", path: ["data"], message: "required" });
      if (c.data !== undefined && c.dataset !== undefined) {
        ctx.addIssue({ code: "custom", path: ["dataset"], message: "is the deprecated name of data: give only data" });
      }
    },
    { when: (p) => typeof p.value === "object" && p.value !== null },
  )
  .superRefine((c, ctx) => {
    const losses = c.losses === "all" ? LOSS_NAMES : c.losses;
    if (new Set(losses).size !== losses.length) ctx.addIssue({ code: "custom", path: ["losses"], message: "lists a loss twice" });
    if (Array.isArray(c.seeds) && new Set(c.seeds).size !== c.seeds.length) {
      ctx.addIssue({ code: "custom", path: ["seeds"], message: "lists a seed twice" });
    }
    for (const k of Object.keys(c.perLoss)) {
      if (!(losses as readonly string[]).includes(k)) {
        ctx.addIssue({ code: "custom", path: ["perLoss", k], message: `loss "${k}" is not in losses` });
      }
    }
    if (c.evalEvery !== undefined && c.evalEvery > c.steps) {
      ctx.addIssue({ code: "custom", path: ["evalEvery"], message: `must be at most steps (${c.steps})` });
    }
  });
export type StudyConfigInput = z.input<typeof StudyConfig>;

/** A parsed study config with every default decided (what study.json stores). */
export type ResolvedStudyConfig = Omit<
  z.infer<typeof StudyConfig>,
  "data" | "dataset" | "losses" | "seeds" | "evalEvery" | "logEvery" | "checkpointEvery" | "workers"
> & {
  data: DataConfig;
  losses: LossName[];
  seeds: number[];
  evalEvery: number;
  logEvery: number;
  checkpointEvery: number;
  workers: number;
};

/** A ConfigError (the API answers 422 naming each path) whose message says it is about a study. */
export class StudyConfigError extends ConfigError {
  constructor(issues: { path: string; message: string }[]) {
    super(issues);
    this.message = `invalid study config: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`;
  }
}

/** One training of the grid. */
export interface StudyRun {
  /** `<loss>-s<seed>`, or `<loss>-t<trial>-s<seed>` in a tuning study: a storage-safe id. */
  runId: string;
  loss: LossName;
  seed: number;
  /** The tuning trial this run belongs to, with the values it applied (null without tuning). */
  trial: { index: number; values: TrialValues } | null;
  config: TrainingConfig;
}

/** Zod issues with union failures narrowed to the branch that got furthest (so paths name the bad element). */
function studyIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  const flat = issues.flatMap((i): z.core.$ZodIssue[] => {
    if (i.code !== "invalid_union" || i.errors.length === 0) return [i];
    const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((b) => b.path.length));
    const best = [...i.errors].sort((a, b) => depth(b) - depth(a))[0]!;
    if (depth(best) === 0) return [{ ...i, message: `invalid value: ${i.errors.map((b) => b[0]?.message).join(", or ")}` }];
    return best.map((b) => ({ ...b, path: [...i.path, ...b.path] }));
  });
  return zodIssues(flat);
}

/**
 * Parses user input once: the config with every default decided and its grid of trainings (each run a valid
 * training, so a bad combination fails before anything starts). Throws StudyConfigError naming each bad field.
 */
export function parseStudy(input: unknown, opts: { cores?: number } = {}): { config: ResolvedStudyConfig; runs: StudyRun[] } {
  const r = StudyConfig.safeParse(input);
  if (!r.success) throw new StudyConfigError(studyIssues(r.error.issues));
  const { dataset, ...c } = r.data;
  const evalEvery = c.evalEvery ?? Math.max(1, Math.round(c.steps / 20));
  const seeds = typeof c.seeds === "number" ? Array.from({ length: c.seeds }, (_, i) => i) : [...c.seeds];
  const resolved: ResolvedStudyConfig = {
    ...c,
    data: (c.data ?? dataset)!,
    losses: c.losses === "all" ? [...LOSS_NAMES] : [...c.losses],
    seeds,
    evalEvery,
    logEvery: c.logEvery ?? Math.min(10, evalEvery),
    checkpointEvery: c.checkpointEvery ?? Math.max(1, Math.ceil(c.steps / 4)),
    workers: c.workers ?? opts.cores ?? os.availableParallelism(),
    primaryMetric: canonicalMetric(c.primaryMetric),
    thresholds: c.thresholds.map((t) => ({ ...t, metric: canonicalMetric(t.metric) })),
  };
  return { config: resolved, runs: expandStudy(resolved) };
}

/** The parsed config alone (see parseStudy). */
export function parseStudyConfig(input: unknown, opts: { cores?: number } = {}): ResolvedStudyConfig {
  return parseStudy(input, opts).config;
}

function merge(a: RunOverrides, b: RunOverrides | undefined): RunOverrides {
  if (!b) return a;
  const optimizers = a.optimizers || b.optimizers ? { ...a.optimizers, ...b.optimizers } : undefined;
  return { ...a, ...b, ...(optimizers ? { optimizers } : {}) };
}

/**
 * The grid as trainings: seed-major (all losses for the first seed, then the next), so a partly finished study
 * already covers every loss. Throws ConfigError (paths prefixed with the run id) if a run is not a valid training.
 */
export function expandStudy(cfg: ResolvedStudyConfig): StudyRun[] {
  const runs: StudyRun[] = [];
  const trials: (TrialValues | null)[] = cfg.tuning ? drawTrials(cfg.tuning) : [null];
  for (const seed of cfg.seeds) {
    for (const [index, draw] of trials.entries()) {
      for (const loss of cfg.losses) {
        let o = merge(cfg.shared, cfg.perLoss[loss]);
        let trial: StudyRun["trial"] = null;
        if (draw && cfg.tuning) {
          const regs = o.regularizers ?? getLoss(loss).preset.regularizers;
          const t = trialOverrides(cfg.tuning.space, draw, regs);
          o = merge(o, t);
          // Record what the run applied: a penalty weight is dropped for losses without a penalty.
          const { penaltyWeight, ...rest } = draw;
          trial = { index, values: t.regularizers && penaltyWeight !== undefined ? { ...rest, penaltyWeight } : rest };
        }
        const runId = trial ? `${loss}-t${index}-s${seed}` : `${loss}-s${seed}`;
        const label = trial ? `${loss} · trial ${index} · seed ${seed}` : `${loss} · seed ${seed}`;
        const input = {
          name: `${cfg.name ?? "study"} · ${label}`.slice(0, 200),
          seed,
          backend: cfg.backend,
          data: cfg.data,
          model: cfg.model,
          loss: { name: loss },
          batchSize: cfg.batchSize,
          steps: cfg.steps,
          evalEvery: cfg.evalEvery,
          logEvery: cfg.logEvery,
          checkpointEvery: cfg.checkpointEvery,
          keepLast: 1,
          ...o,
        };
        try {
          runs.push({ runId, loss, seed, trial, config: parseTrainingConfig(input) });
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          throw new StudyConfigError(err.issues.map((i) => ({ path: `runs.${runId}.${i.path}`, message: i.message })));
        }
      }
    }
  }
  return runs;
}
