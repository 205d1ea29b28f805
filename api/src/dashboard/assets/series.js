// Metric lines (GET …/metrics and live `metric` events) → columns for the curve charts. Pure (unit-tested in Node).

/** The step-log keys drawn as curves, grouped per chart; evaluation metrics get one chart each. */
export const STEP_CHARTS = [
  { id: "loss", title: "Losses", keys: ["dLoss", "gLoss"], labels: ["D loss", "G loss"] },
  { id: "grad", title: "Gradient norms", keys: ["dGradNorm", "gGradNorm"], labels: ["‖∇D‖", "‖∇G‖"], log: true },
  { id: "critic", title: "Critic output", keys: ["realMean", "fakeMean"], labels: ["mean C(real)", "mean C(fake)"] },
];

/** An empty store: step-log columns and evaluation columns, each aligned to its own step axis. */
export function createStore() {
  return { steps: [], cols: {}, evalSteps: [], evals: {} };
}

const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Adds one metrics line. Step logs {step, dLoss, …} append to the step axis (lines at or before the last step are
 * replays and skipped); evaluation lines {step, eval: {…}} append to the evaluation axis, a metric first seen late
 * gets nulls for the earlier evaluations. Returns "step", "eval" or null (ignored).
 */
export function addLine(store, line) {
  if (!line || typeof line.step !== "number") return null;
  if (line.eval && typeof line.eval === "object") {
    if (store.evalSteps.length && line.step <= store.evalSteps[store.evalSteps.length - 1]) return null;
    const n = store.evalSteps.length;
    store.evalSteps.push(line.step);
    for (const [k, v] of Object.entries(line.eval)) {
      if (typeof v !== "number") continue;
      store.evals[k] ??= new Array(n).fill(null);
    }
    for (const k of Object.keys(store.evals)) store.evals[k].push(num(line.eval[k]));
    return "eval";
  }
  if (typeof line.dLoss !== "number") return null;
  if (store.steps.length && line.step <= store.steps[store.steps.length - 1]) return null;
  const n = store.steps.length;
  store.steps.push(line.step);
  for (const c of STEP_CHARTS) {
    for (const k of c.keys) {
      store.cols[k] ??= new Array(n).fill(null);
      store.cols[k].push(num(line[k]));
    }
  }
  return "step";
}

/**
 * Exponential moving average with bias correction (as TensorBoard smooths): weight 0 returns the values, 0.9 a
 * strong smoothing. Nulls stay null and do not advance the average.
 */
export function smooth(values, weight) {
  if (!(weight > 0)) return values.slice();
  let acc = 0;
  let count = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    acc = acc * weight + (1 - weight) * v;
    count++;
    return acc / (1 - weight ** count);
  });
}

/** Whether every finite value is > 0 (a log scale can draw it). */
export function allPositive(columns) {
  let any = false;
  for (const col of columns) {
    for (const v of col) {
      if (v === null) continue;
      if (!(v > 0)) return false;
      any = true;
    }
  }
  return any;
}

/** Human names for the evaluation metrics the trainer records; unknown names are shown as they are. */
export const METRIC_LABELS = {
  swd: "Sliced Wasserstein distance (lower is better)",
  modesCaptured: "Modes captured",
  highQualityFraction: "High-quality fraction (within 3σ of a mode)",
  reverseKL: "Reverse KL of the mode histogram (lower is better)",
  fd_lenet: "FD-LeNet (lower is better)",
  kid: "KID (lower is better)",
};

/**
 * Aligns columns that live on different step axes onto the union of their steps (null where a side has no value),
 * so two trainings can share one chart. `sides` = [{ steps, values }]; returns { steps, columns }.
 */
export function alignSteps(sides) {
  const steps = [...new Set(sides.flatMap((s) => s.steps))].sort((a, b) => a - b);
  const columns = sides.map((s) => {
    const at = new Map(s.steps.map((x, i) => [x, s.values[i] ?? null]));
    return steps.map((x) => (at.has(x) ? at.get(x) : null));
  });
  return { steps, columns };
}
