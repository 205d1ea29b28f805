// Duration estimate for a training config before it starts. Pure (unit-tested in Node).
//
// Cost model: one step is nCritic critic updates plus one generator update, each a forward and backward pass over
// a batch through both networks, so time ∝ batch × (nCritic + 1) × (weights of G + D); a gradient penalty or R1/R2
// adds a second backward pass through D on the critic updates. The seconds per unit come from this server's own
// finished runs when it has any (measured rates), else from the calibration below.

/**
 * Seconds per cost unit, measured: the default first run (ring8, wgan-lp, 3×64, batch 64 = 12 122 176 units per step,
 * 2000 steps) took 58 s of CPU on one wasm thread including about 6 s of start-up and evaluation, so
 * (58 − 6) s / 2000 / 12 122 176 ≈ 2.2 ns (dashboard README, "The duration estimate").
 */
export const CALIBRATION_SECONDS_PER_UNIT = 2.2e-9;
/** Job start-up (process, backend, dataset) and the final checkpoint and evaluation, roughly. */
export const OVERHEAD_SECONDS = 6;

/** Weights of an MLP with these layer widths. */
export function mlpWeights(widths) {
  let n = 0;
  for (let i = 1; i < widths.length; i++) n += widths[i - 1] * widths[i] + widths[i];
  return n;
}

/**
 * Cost units of one step of `config` (as submitted), filled in from `defaults` (the trainer's resolved defaults for
 * its loss and dataset kind: { nCritic, penalty, zDim, gHidden, dHidden, sampleSize }). Null when it cannot tell
 * (e.g. a dcgan, whose cost is not an MLP's).
 */
export function stepCost(config, defaults) {
  if (!defaults || (config.model?.arch && config.model.arch !== defaults.arch)) return null;
  const zDim = config.model?.zDim ?? defaults.zDim;
  const gHidden = config.model?.gHidden ?? defaults.gHidden;
  const dHidden = config.model?.dHidden ?? defaults.dHidden;
  const nCritic = config.nCritic ?? defaults.nCritic;
  const penalty = config.regularizers ? config.regularizers.some((r) => r.type !== "clip") : defaults.penalty;
  const batch = config.batchSize ?? defaults.batchSize;
  const weights = mlpWeights([zDim, ...gHidden, defaults.sampleSize]) + mlpWeights([defaults.sampleSize, ...dHidden, 1]);
  return batch * weights * (nCritic * (penalty ? 2 : 1) + 1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Estimated seconds for `config`, and where the rate came from. `runs` are this server's trainings ({ config,
 * progress: { stepsPerSecond } }); those with a measured rate and a known cost calibrate the estimate.
 * `defaultsFor(config)` returns the resolved defaults for a config. Null when the cost is unknown.
 */
export function estimateSeconds(config, defaultsFor, runs = []) {
  const cost = stepCost(config, defaultsFor(config));
  if (cost === null) return null;
  const rates = [];
  for (const r of runs) {
    const sps = r.progress?.stepsPerSecond;
    const c = sps > 0 ? stepCost(r.config, defaultsFor(r.config)) : null;
    if (c) rates.push(1 / sps / c);
  }
  const perUnit = rates.length > 0 ? median(rates) : CALIBRATION_SECONDS_PER_UNIT;
  const steps = config.steps ?? defaultsFor(config).steps;
  return { seconds: OVERHEAD_SECONDS + steps * cost * perUnit, from: rates.length > 0 ? "runs" : "calibration", runs: rates.length };
}
