import { z } from "zod";
import { MAX_SEED } from "./limits.ts";

/**
 * The one training configuration. Strict: unknown keys are rejected with their path. Fields a loss preset can
 * decide (regularizers, optimizers, nCritic) stay optional here; the trainer's `resolveConfig` fills them from the
 * loss's documented defaults, and the resolved config (resolved-config.ts) is what every checkpoint stores.
 */

export const LOSS_NAMES = [
  "minimax",
  "ns",
  "lsgan",
  "wgan",
  "wgan-gp",
  "wgan-lp",
  "dragan",
  "hinge",
  "rsgan",
  "rasgan",
  "ralsgan",
  "rahinge",
] as const;
export const LossName = z.enum(LOSS_NAMES);
export type LossName = z.infer<typeof LossName>;

export const BackendRequest = z.enum(["auto", "native", "wasm", "cpu", "tensorflow"]);

export const ARCHS = ["mlp", "dcgan", "mlp2d"] as const;
export type Arch = (typeof ARCHS)[number];

export const OptimizerConfig = z.strictObject({
  /** Update rule. */
  type: z.enum(["adam", "rmsprop", "sgd"]),
  /** Learning rate (per update). */
  lr: z.number().positive().max(1),
  /** Adam β1 (ignored by rmsprop/sgd). */
  beta1: z.number().min(0).max(1).optional(),
  /** Adam β2 (ignored by rmsprop/sgd). */
  beta2: z.number().min(0).max(1).optional(),
  /**
   * RMSprop decay ρ of the running mean of squared gradients (PyTorch's `alpha`); default 0.99, PyTorch's value and
   * the one the WGAN reference implementation ran with (tfjs's own default is 0.9). Ignored by adam/sgd.
   */
  decay: z.number().min(0).lt(1).optional(),
});
export type OptimizerConfig = z.infer<typeof OptimizerConfig>;

export const RegularizerSchema = z.discriminatedUnion("type", [
  /** Gradient penalty: two-sided (WGAN-GP), one-sided (WGAN-LP), or DRAGAN sampling around reals. */
  z.strictObject({
    type: z.literal("gp"),
    lambda: z.number().min(0).default(10),
    oneSided: z.boolean().default(false),
    sampling: z.enum(["interpolate", "dragan"]).default("interpolate"),
  }),
  /** R1: (γ/2)·E‖∇C(x_r)‖². */
  z.strictObject({ type: z.literal("r1"), gamma: z.number().min(0).default(10) }),
  /** R2: (γ/2)·E‖∇C(x_f)‖². */
  z.strictObject({ type: z.literal("r2"), gamma: z.number().min(0).default(10) }),
  /** Weight clipping of every critic variable to [−c, c] after each critic step. */
  z.strictObject({ type: z.literal("clip"), c: z.number().positive().default(0.01) }),
]);

/**
 * Regularisers usable with any loss. `gp` covers WGAN-GP (two-sided, interpolates), WGAN-LP (one-sided) and DRAGAN
 * (perturbations of real data); `r1`/`r2` penalise ‖∇C‖² on reals/fakes; `clip` clamps critic weights after each
 * critic step. The parsed form has every default filled in.
 */
export type RegularizerConfig = z.output<typeof RegularizerSchema>;

export const DataConfig = z.strictObject({
  /** Built-in name (ring8, grid25, swissroll, ring8-pacgan, grid25-pacgan, mnist, fashion-mnist) or upload:<id>. */
  name: z.string().min(1),
  /** Keep only these class labels (labelled image datasets). */
  classes: z.array(z.number().int().min(0)).min(1).optional(),
});

export type DataConfig = z.infer<typeof DataConfig>;

export const ModelConfig = z.strictObject({
  /** Architecture; default mlp2d for 2-D toys, mlp otherwise. */
  arch: z.enum(ARCHS).optional(),
  /** Latent size; default 100 (mlp, dcgan) or 2 (mlp2d). */
  zDim: z.number().int().min(1).max(4096).optional(),
  /** Hidden widths of G (mlp: [256, 512]; mlp2d: [64, 64, 64]). */
  gHidden: z.array(z.number().int().min(1).max(8192)).min(1).optional(),
  /** Hidden widths of D (mlp: [512, 256]; mlp2d: [64, 64, 64]). */
  dHidden: z.array(z.number().int().min(1).max(8192)).min(1).optional(),
  /** Spectral normalisation on every D layer (one power iteration per training forward pass). */
  spectralNorm: z.boolean().default(false),
  /** D normalisation for dcgan: auto = batch norm unless a gradient penalty / R1 / R2 is on. */
  dNorm: z.enum(["auto", "batch", "none"]).default("auto"),
  /**
   * PacGAN packing (Lin et al. 2018): D judges `pack` samples at once, concatenated, all real or all fake (absent =
   * 1, no packing). mlp / mlp2d only; batchSize must be a multiple.
   */
  pack: z.number().int().min(1).max(16).optional(),
  /**
   * G normalisation for mlp / mlp2d: "batch" puts batch norm before every hidden activation of G (as PacGAN's 2-D
   * generator and the common MLP GAN have it). Absent: "batch" for mlp on image data, "none" otherwise (the trainer's
   * `defaultGNorm` decides; a resumed run keeps its checkpoint's). dcgan's G always has batch norm.
   */
  gNorm: z
    .enum(["batch", "none"])
    .optional()
    .describe(
      'Batch norm before each hidden activation of G (mlp, mlp2d). Default: "batch" for a new training of mlp on image ' +
        'data (without it NS-GAN collapses on the MNIST MLP), "none" for mlp2d and other data; a resumed training keeps ' +
        "what its checkpoint was trained with. dcgan's G always has batch norm.",
    ),
});

export const TrainingConfig = z.strictObject({
  /** Free-form label shown in lists and reports. */
  name: z.string().max(200).optional(),
  /** Seed for every random stream (init, latents, data order, penalties). */
  seed: z.number().int().min(0).max(MAX_SEED).default(0),
  /** TensorFlow.js backend; env GANTRY_BACKEND overrides "auto". */
  backend: BackendRequest.default("auto"),
  data: DataConfig,
  model: ModelConfig.default({ spectralNorm: false, dNorm: "auto" }),
  loss: z.strictObject({ name: LossName }),
  /** Replaces the loss preset's regularizers when given ([] = none). */
  regularizers: z.array(RegularizerSchema).optional(),
  /** Per-network optimizers (TTUR when they differ); default: the loss preset's. */
  optimizers: z.strictObject({ g: OptimizerConfig.optional(), d: OptimizerConfig.optional() }).default({}),
  /** Critic updates per generator update; default: the loss preset's. */
  nCritic: z.number().int().min(1).max(100).optional(),
  /** Samples per batch. */
  batchSize: z.number().int().min(1).max(4096).default(64),
  /** Generator updates (one step = nCritic critic updates + one generator update). */
  steps: z.number().int().min(1).max(10_000_000).default(2000),
  /** Exponential moving average of G's weights (0 = off; e.g. 0.999). */
  emaDecay: z.number().min(0).lt(1).default(0),
  /** Log losses every N steps. */
  logEvery: z.number().int().min(1).default(10),
  /** Evaluate metrics every N steps (0 = only at the end). */
  evalEvery: z.number().int().min(0).default(0),
  /** Write a sample grid / scatter every N steps (0 = off). */
  sampleEvery: z.number().int().min(0).default(0),
  /** Write a checkpoint every N steps (0 = only at the end). */
  checkpointEvery: z.number().int().min(0).default(500),
  /** Checkpoints kept besides the best one. */
  keepLast: z.number().int().min(1).max(1000).default(3),
});
export type TrainingConfigInput = z.input<typeof TrainingConfig>;
export type TrainingConfig = z.infer<typeof TrainingConfig>;

/** Parses user input; throws ConfigError whose message lists each bad field by path. */
export function parseTrainingConfig(input: unknown): TrainingConfig {
  const r = TrainingConfig.safeParse(input);
  if (!r.success) throw new ConfigError(zodIssues(r.error.issues));
  return r.data;
}

/** Flattens zod issues to `{ path, message }`, giving each unknown key its own path so the message names it. */
export function zodIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.flatMap((i) => {
    const base = i.path.map(String);
    if (i.code === "unrecognized_keys") {
      return i.keys.map((k) => ({ path: [...base, k].join("."), message: "unknown key" }));
    }
    return [{ path: base.join("."), message: i.message }];
  });
}

export class ConfigError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid training config: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
    this.name = "ConfigError";
  }
}
