import * as tf from "@tensorflow/tfjs-core";
import { type BackendRequest, initBackend, installBackendExtensions } from "../backend/index.ts";
import type { Dataset } from "../data/types.ts";
import { getLoss } from "../losses/index.ts";
import type { GanLoss } from "../losses/types.ts";
import { buildModels } from "../models/index.ts";
import type { GanModels, Network } from "../models/types.ts";
import { createRegularizer } from "../regularizers/index.ts";
import type { Regularizer } from "../regularizers/types.ts";
import { hashSeed, Stream } from "../util/rng.ts";
import { DivergedError } from "./divergence.ts";
import { createEma, updateEma } from "./ema.ts";
import { createOptimizer } from "./optimizers.ts";
import type { ResolvedTrainingConfig } from "@gantry/core";
import { exportSessionState, importSessionState } from "./session-io.ts";
import type { SessionState } from "./session-state.ts";
import { criticStep, type CriticStepResult, generatorStep } from "./step.ts";
import { criticDraws, generatorDraws, latents } from "./streams.ts";

/** What one step reports. D values are from the step's last critic update; norms are global L2 norms. */
export interface StepLog {
  /** Completed generator steps after this one (1-based). */
  step: number;
  /** Critic objective minimised: loss.discriminator + Σ regulariser penalties. */
  dLoss: number;
  /** loss.generator of the generator update. */
  gLoss: number;
  /** Mean C(x_r) and mean C(x_f) (raw critic outputs) in the last critic update. */
  realMean: number;
  fakeMean: number;
  dGradNorm: number;
  gGradNorm: number;
  /** Throughput: of this step in runStep; averaged since the previous log in `train`. */
  stepsPerSecond: number;
  /** Wall-clock ms since the session was created. */
  elapsedMs: number;
}

export interface TrainingSession {
  readonly config: ResolvedTrainingConfig;
  readonly dataset: Dataset;
  readonly loss: GanLoss;
  readonly models: GanModels;
  /** EMA copy of G, or null when config.emaDecay is 0. */
  readonly ema: Network | null;
  readonly optimizers: { readonly g: tf.Optimizer; readonly d: tf.Optimizer };
  /** The tfjs backend the session runs on. */
  readonly backend: string;
  /** Completed generator steps. */
  readonly step: number;
  /** nCritic critic updates, then one generator update. Throws DivergedError on a NaN/Inf loss. */
  runStep(): StepLog;
  exportState(): Promise<SessionState>;
  importState(state: SessionState): Promise<void>;
  /** n samples [n, ...sampleShape] from latents seeded by `seed`, G (or its EMA) in inference mode. */
  sample(n: number, seed: number, opts?: { ema?: boolean }): tf.Tensor;
  dispose(): void;
}

class GanSession implements TrainingSession {
  readonly loss: GanLoss;
  readonly models: GanModels;
  readonly ema: Network | null;
  readonly optimizers: { g: tf.Optimizer; d: tf.Optimizer };
  step = 0;
  private readonly regularizers: Regularizer[];
  private readonly createdAt = performance.now();

  constructor(
    readonly config: ResolvedTrainingConfig,
    readonly dataset: Dataset,
    readonly backend: string,
  ) {
    this.loss = getLoss(config.loss.name);
    this.regularizers = config.regularizers.map(createRegularizer);
    this.models = buildModels(config, dataset.info.sampleShape);
    this.ema = config.emaDecay > 0 ? createEma(config, dataset.info.sampleShape, this.models.generator) : null;
    this.optimizers = { g: createOptimizer(config.optimizers.g), d: createOptimizer(config.optimizers.d) };
  }

  runStep(): StepLog {
    const t0 = performance.now();
    const { config: c, models, loss, regularizers, dataset: ds } = this;
    const s = this.step;
    const criticLosses: tf.Scalar[] = [];
    let last: CriticStepResult | undefined;
    for (let i = 0; i < c.nCritic; i++) {
      const draws = criticDraws(ds, c.seed, s, i, c.nCritic, c.batchSize, models.zDim);
      if (last) tf.dispose([last.realMean, last.fakeMean, last.gradNorm]);
      last = criticStep({ models, loss, regularizers, optimizer: this.optimizers.d, ...draws });
      criticLosses.push(last.loss);
      tf.dispose([draws.real, draws.z]);
    }
    const gd = generatorDraws(ds, c.seed, s, c.nCritic, c.batchSize, models.zDim, loss.generatorNeedsReal);
    const g = generatorStep({ models, loss, regularizers, optimizer: this.optimizers.g, ...gd });
    tf.dispose(gd.real ? [gd.z, gd.real] : [gd.z]);
    if (this.ema) updateEma(this.ema, models.generator, c.emaDecay);
    this.step = s + 1;
    // One read per step: the reported scalars plus the sum of every critic loss (NaN/Inf in any of them shows).
    const r = last!;
    const all = [r.loss, g.loss, r.realMean, r.fakeMean, r.gradNorm, g.gradNorm];
    const v = tf.tidy(() => tf.stack([...all, tf.addN(criticLosses)]).dataSync());
    tf.dispose([...criticLosses, g.loss, r.realMean, r.fakeMean, r.gradNorm, g.gradNorm]);
    if (!Number.isFinite(v[6]!) || !Number.isFinite(v[0]!)) throw new DivergedError(this.step, "d_loss");
    if (!Number.isFinite(v[1]!)) throw new DivergedError(this.step, "g_loss");
    const now = performance.now();
    return {
      step: this.step,
      dLoss: v[0]!,
      gLoss: v[1]!,
      realMean: v[2]!,
      fakeMean: v[3]!,
      dGradNorm: v[4]!,
      gGradNorm: v[5]!,
      stepsPerSecond: 1000 / Math.max(now - t0, 1e-3),
      elapsedMs: now - this.createdAt,
    };
  }

  exportState(): Promise<SessionState> {
    return exportSessionState(this);
  }

  async importState(state: SessionState): Promise<void> {
    const optimizers = await importSessionState(this, state);
    this.optimizers.g.dispose();
    this.optimizers.d.dispose();
    this.optimizers.g = optimizers.g;
    this.optimizers.d = optimizers.d;
    this.step = state.step;
  }

  sample(n: number, seed: number, opts: { ema?: boolean } = {}): tf.Tensor {
    if (opts.ema && !this.ema) throw new Error("sample: ema requested but this run has no EMA (config.emaDecay is 0)");
    const net = opts.ema ? this.ema! : this.models.generator;
    return tf.tidy(() => net.apply(latents(n, this.models.zDim, hashSeed(seed, Stream.sample)), { training: false }));
  }

  dispose(): void {
    this.models.generator.dispose();
    this.models.discriminator.dispose();
    this.ema?.dispose();
    this.optimizers.g.dispose();
    this.optimizers.d.dispose();
  }
}

/**
 * Builds models, optimizers and (if emaDecay > 0) the EMA generator for a resolved config. With opts.backend
 * (e.g. config.backend) the backend is initialised first via initBackend; otherwise the session runs on the
 * current tfjs backend. Either way the gradients and wasm kernels training needs are installed.
 */
export async function createSession(
  config: ResolvedTrainingConfig,
  dataset: Dataset,
  opts: { backend?: BackendRequest } = {},
): Promise<TrainingSession> {
  if (opts.backend !== undefined) await initBackend(opts.backend);
  installBackendExtensions();
  await tf.ready();
  return new GanSession(config, dataset, tf.getBackend());
}
