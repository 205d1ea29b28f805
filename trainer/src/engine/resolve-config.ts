import {
  ConfigError,
  type Arch,
  type DatasetKind,
  type ResolvedModelConfig,
  type ResolvedOptimizer,
  type ResolvedTrainingConfig,
  type TrainingConfig,
} from "@gantry/core";
import type { DatasetInfo } from "../data/types.ts";
import { getLoss } from "../losses/index.ts";
import type { OptimizerPreset } from "../losses/types.ts";

/** RMSprop decay when neither config nor preset gives one: PyTorch's default, which GAN reference code runs with. */
export const RMSPROP_DECAY = 0.99;

/** Hidden widths per architecture: mlp/mlp2d are layer widths; dcgan are channel counts [first, second]. */
const DEFAULTS: Record<Arch, { zDim: number; gHidden: number[]; dHidden: number[] }> = {
  mlp: { zDim: 100, gHidden: [256, 512], dHidden: [512, 256] },
  // mlp2d: 3 × 64, the width the ring8 study found enough for every mode; 3 × 512 made a first ring8 run take over
  // 30 minutes on 2 cores (see README, "Training config").
  mlp2d: { zDim: 2, gHidden: [64, 64, 64], dHidden: [64, 64, 64] },
  dcgan: { zDim: 100, gHidden: [128, 64], dHidden: [64, 128] },
};

function optimizer(given: TrainingConfig["optimizers"]["g"], preset: OptimizerPreset): ResolvedOptimizer {
  const o = given ?? preset;
  const out: ResolvedOptimizer = { type: o.type, lr: o.lr, beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999 };
  if (o.type === "rmsprop") out.decay = o.decay ?? RMSPROP_DECAY;
  return out;
}

/**
 * G's normalisation when `model.gNorm` is absent, the one place this default is decided.
 * - A new training of the image MLP (mlp on image data) gets batch norm: without it NS-GAN's D wins at once and G
 *   collapses onto a few classes (trainer/studies/README.md §3, seed 1 at step 2000: 3 classes, FD-LeNet 383 without;
 *   10 classes, FD-LeNet 207 with).
 * - mlp2d (2-D toys) and tabular data keep none: the ring8 studies and the tuning presets were measured without it,
 *   and 3 × 64 NS-GAN captures all 8 ring modes without it; PacGAN's presets ask for it explicitly.
 * - A resumed run keeps what its checkpoint was built with (`resumed` is the checkpoint's resolved model). A
 *   checkpoint written before this default existed stores no gNorm, which always meant none, so it resumes as it ran.
 */
export function defaultGNorm(arch: Arch, kind: DatasetKind, resumed?: ResolvedModelConfig): "batch" | "none" {
  if (resumed) return resumed.gNorm ?? "none";
  return arch === "mlp" && kind === "image" ? "batch" : "none";
}

/**
 * Fills every default the config leaves open: architecture (mlp2d for 2-D toys, mlp otherwise), latent size, hidden
 * widths, D and G normalisation, and regularizers / optimizers / nCritic from the loss preset (config values win;
 * `regularizers: []` means none). Throws ConfigError naming the field when the model cannot fit the data. `resumed`:
 * the resolved config of the checkpoint this run continues, whose choices stand where the config leaves them open.
 */
export function resolveConfig(cfg: TrainingConfig, info: DatasetInfo, resumed?: ResolvedTrainingConfig): ResolvedTrainingConfig {
  const loss = getLoss(cfg.loss.name);
  const arch: Arch = cfg.model.arch ?? (info.kind === "toy2d" ? "mlp2d" : "mlp");
  const def = DEFAULTS[arch];
  const shape = info.sampleShape;
  if (arch === "dcgan" && !(shape.length === 3 && shape[0] === 28 && shape[1] === 28)) {
    throw new ConfigError([
      {
        path: "model.arch",
        message: `dcgan needs 28×28×c images; dataset "${info.id}" has sample shape [${shape.join(", ")}]`,
      },
    ]);
  }
  const gHidden = cfg.model.gHidden ?? def.gHidden;
  const dHidden = cfg.model.dHidden ?? def.dHidden;
  if (arch === "dcgan") {
    const bad = (["gHidden", "dHidden"] as const).filter((k) => (k === "gHidden" ? gHidden : dHidden).length !== 2);
    if (bad.length > 0) {
      throw new ConfigError(bad.map((k) => ({ path: `model.${k}`, message: "dcgan takes exactly 2 channel counts" })));
    }
  }
  const regularizers = (cfg.regularizers ?? loss.preset.regularizers).map((r) => ({ ...r }));
  const gradientPenalty = regularizers.some((r) => r.type !== "clip");
  if (cfg.model.dNorm === "batch" && arch !== "dcgan") {
    throw new ConfigError([{ path: "model.dNorm", message: `"batch" is only available for arch dcgan, not ${arch}` }]);
  }
  if (cfg.model.dNorm === "batch" && gradientPenalty) {
    // The penalties take ∇ of ΣC once for the whole batch, which equals the per-sample gradients only when the
    // critic treats samples independently; batch norm couples them (see regularizers/batch-norm-penalty.test.ts).
    const on = regularizers
      .filter((r) => r.type !== "clip")
      .map((r) => r.type)
      .join(", ");
    throw new ConfigError([
      {
        path: "model.dNorm",
        message:
          `"batch" cannot be combined with a gradient penalty ` +
          `(${on}${cfg.regularizers ? "" : `, from the ${cfg.loss.name} preset`}): batch norm mixes the samples of a ` +
          `batch, so the penalty would not see per-sample gradients; use "none" or "auto"`,
      },
    ]);
  }
  if (cfg.model.gNorm === "batch" && arch === "dcgan") {
    throw new ConfigError([{ path: "model.gNorm", message: "dcgan's generator always has batch norm; gNorm is for mlp and mlp2d" }]);
  }
  const gNorm = (cfg.model.gNorm ?? defaultGNorm(arch, info.kind, resumed?.model)) === "batch";
  const pack = cfg.model.pack ?? 1;
  if (pack > 1) packingProblems(cfg, arch, gradientPenalty);
  const dNorm = cfg.model.dNorm === "auto" ? (arch === "dcgan" && !gradientPenalty ? "batch" : "none") : cfg.model.dNorm;
  const { model: _m, regularizers: _r, optimizers: _o, nCritic: _n, ...rest } = cfg;
  return {
    ...rest,
    model: {
      arch,
      zDim: cfg.model.zDim ?? def.zDim,
      gHidden: [...gHidden],
      dHidden: [...dHidden],
      spectralNorm: cfg.model.spectralNorm,
      dNorm,
      ...(pack > 1 ? { pack } : {}),
      ...(gNorm ? { gNorm: "batch" as const } : {}),
    },
    regularizers,
    optimizers: { g: optimizer(cfg.optimizers.g, loss.preset.optimizers.g), d: optimizer(cfg.optimizers.d, loss.preset.optimizers.d) },
    nCritic: cfg.nCritic ?? loss.preset.nCritic,
  };
}

/**
 * Packing concatenates consecutive samples of a batch into one D input. Refused: dcgan (its input is an image, not a
 * vector), a batch size that is not a multiple, and gradient penalties (their norm is taken per sample, but a packed
 * critic's "sample" is the whole pack).
 */
function packingProblems(cfg: TrainingConfig, arch: Arch, gradientPenalty: boolean): void {
  const pack = cfg.model.pack ?? 1;
  const issues: { path: string; message: string }[] = [];
  if (arch === "dcgan") issues.push({ path: "model.pack", message: "packing is implemented for mlp and mlp2d, not dcgan" });
  if (cfg.batchSize % pack !== 0) {
    issues.push({ path: "batchSize", message: `${cfg.batchSize} is not a multiple of model.pack (${pack})` });
  }
  if (gradientPenalty) {
    issues.push({
      path: "model.pack",
      message:
        "packing cannot be combined with a gradient penalty, R1 or R2 (their " +
        "per-sample norms would cover one sample of a pack, not the packed input D judges)",
    });
  }
  if (issues.length) throw new ConfigError(issues);
}
