// Duration estimate for a training config before it starts. Pure (unit-tested in Node).
//
// Cost model: one step is nCritic critic updates plus one generator update, each a forward and backward pass over
// a batch through both networks, so time ∝ batch × (nCritic + 1) × (multiply-adds per sample through G and D); a
// gradient penalty or R1/R2 adds a second backward pass through D on the critic updates. Dense layers and
// convolutions run at different speeds per multiply-add, so the seconds per unit are kept per architecture: the
// median over this server's finished runs of the same architecture (measured rates), else that architecture's
// calibration below.

/**
 * Seconds per cost unit and architecture, measured (dashboard README, "The duration estimate"):
 * - mlp2d: the default first run (ring8, wgan-lp, 3×64, batch 64, 2000 steps) took 58 s of CPU on one wasm thread,
 *   about 6 s of it start-up and evaluation: (58 − 6) s / 2000 / 12 122 176 units ≈ 2.2 ns.
 * - mlp: mnist, ns, 100→256→512→784 / 784→512→256→1 (139 921 536 units a step): 525 steps took 17.96 s more CPU
 *   than 25 steps on the native backend, 0.0359 s a step ≈ 0.26 ns a unit.
 * - dcgan: mnist, ns, channels [128, 64] / [64, 128] (1 776 631 808 units a step): 105 steps took 18.42 s more CPU
 *   than 25 steps on the native backend, 0.230 s a step ≈ 0.13 ns a unit.
 */
export const CALIBRATION = { mlp2d: 2.2e-9, mlp: 2.6e-10, dcgan: 1.3e-10 };
/** Job start-up (process, backend, dataset) and the final checkpoint and evaluation, roughly. */
export const OVERHEAD_SECONDS = 6;

/** Weights of an MLP with these layer widths (= its multiply-adds per sample, biases included). */
export function mlpWeights(widths) {
  let n = 0;
  for (let i = 1; i < widths.length; i++) n += widths[i - 1] * widths[i] + widths[i];
  return n;
}

/**
 * Multiply-adds per sample through G and then D. The DCGAN is the trainer's (28×28×c, 4×4 kernels, stride 2):
 * G dense z → 7·7·a, transposed convs a → b (7 → 14) and b → c (14 → 28); D convs c → p (28 → 14) and p → q (14 → 7),
 * dense 7·7·q → 1. A stride-2 (transposed) conv does 16 multiply-adds per channel pair at each of its smaller grid's
 * positions.
 */
export function networkCost(arch, m, sampleShape) {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  if (arch === "dcgan") {
    const [a, b] = m.gHidden;
    const [p, q] = m.dHidden;
    const c = sampleShape[2] ?? 1;
    const g = m.zDim * 49 * a + 49 * 16 * a * b + 196 * 16 * b * c;
    const d = 196 * 16 * c * p + 49 * 16 * p * q + 49 * q;
    return g + d;
  }
  return mlpWeights([m.zDim, ...m.gHidden, size]) + mlpWeights([size, ...m.dHidden, 1]);
}

/**
 * The cost inputs of `config` (as submitted) on `dataset` ({ kind, sampleShape } from GET /v1/datasets, uploads
 * included), filled in from `tables` (the trainer's defaults: COSTS in config.js). Null when the dataset or loss is
 * unknown.
 */
export function costInputs(config, dataset, tables) {
  const loss = tables.losses[config.loss?.name];
  if (!loss || !dataset) return null;
  const arch = config.model?.arch ?? (dataset.kind === "toy2d" ? "mlp2d" : "mlp");
  const def = tables.archs[arch];
  if (!def) return null;
  return {
    arch,
    zDim: config.model?.zDim ?? def.zDim,
    gHidden: config.model?.gHidden ?? def.gHidden,
    dHidden: config.model?.dHidden ?? def.dHidden,
    sampleShape: dataset.sampleShape,
    nCritic: config.nCritic ?? loss.nCritic,
    penalty: config.regularizers ? config.regularizers.some((r) => r.type !== "clip") : loss.penalty,
    batchSize: config.batchSize ?? tables.batchSize,
    steps: config.steps ?? tables.steps,
  };
}

/** Cost units of one step with these inputs. */
export function stepCost(inputs) {
  return inputs.batchSize * networkCost(inputs.arch, inputs, inputs.sampleShape) * (inputs.nCritic * (inputs.penalty ? 2 : 1) + 1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Estimated seconds for `config`, and where the rate came from. `inputsFor(config)` gives costInputs (or null);
 * `runs` are this server's trainings ({ config, progress: { stepsPerSecond } }): those of the same architecture with a
 * measured rate calibrate the estimate. Null when the cost is unknown.
 */
export function estimateSeconds(config, inputsFor, runs = []) {
  const inputs = inputsFor(config);
  if (!inputs) return null;
  const rates = [];
  for (const r of runs) {
    const sps = r.progress?.stepsPerSecond;
    const own = sps > 0 ? inputsFor(r.config) : null;
    if (own && own.arch === inputs.arch) rates.push(1 / sps / stepCost(own));
  }
  const perUnit = rates.length > 0 ? median(rates) : CALIBRATION[inputs.arch];
  if (!perUnit) return null;
  return {
    seconds: OVERHEAD_SECONDS + inputs.steps * stepCost(inputs) * perUnit,
    from: rates.length > 0 ? "runs" : "calibration",
    runs: rates.length,
    arch: inputs.arch,
  };
}
