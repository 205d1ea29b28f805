/**
 * Names of the metrics a study reads from each run's eval lines, with the direction that counts as better.
 * Study configs may use short aliases ("modes"); everything stored uses the job's names ("modesCaptured").
 */

export type Direction = "min" | "max";

interface MetricInfo {
  direction: Direction;
  label: string;
}

/** Metrics the job and the image evaluator write, by their eval-line name. */
export const KNOWN_METRICS: Readonly<Record<string, MetricInfo>> = {
  swd: { direction: "min", label: "sliced W1 to data" },
  modesCaptured: { direction: "max", label: "modes captured" },
  highQualityFraction: { direction: "max", label: "high-quality fraction" },
  reverseKL: { direction: "min", label: "reverse KL over modes (nats)" },
  fd_lenet: { direction: "min", label: "Fréchet distance (LeNet features)" },
  kid: { direction: "min", label: "kernel distance, LeNet features" },
  kid_se: { direction: "min", label: "standard error of kid" },
  precision: { direction: "max", label: "precision" },
  recall: { direction: "max", label: "recall" },
  density: { direction: "max", label: "density" },
  coverage: { direction: "max", label: "coverage" },
  classes_found: { direction: "max", label: "classes found by the LeNet classifier" },
  class_kl: { direction: "min", label: "KL of the class histogram to uniform (nats)" },
  classifier_score: { direction: "max", label: "classifier score" },
};

/** Short names accepted in study configs. */
export const METRIC_ALIASES: Readonly<Record<string, string>> = {
  modes: "modesCaptured",
  hq: "highQualityFraction",
  fd: "fd_lenet",
  classes: "classes_found",
};

/** The stored name of a configured metric name (aliases resolved, anything else unchanged). */
export function canonicalMetric(name: string): string {
  return Object.hasOwn(METRIC_ALIASES, name) ? METRIC_ALIASES[name]! : name;
}

/** Better direction of a metric; unknown metrics count as lower-is-better (distances), which the report states. */
export function metricDirection(name: string): Direction {
  const c = canonicalMetric(name);
  return Object.hasOwn(KNOWN_METRICS, c) ? KNOWN_METRICS[c]!.direction : "min";
}

/** Whether the direction of `name` is documented (false: assumed lower-is-better). */
export function isKnownMetric(name: string): boolean {
  return Object.hasOwn(KNOWN_METRICS, canonicalMetric(name));
}

/** Human label for tables and charts. */
export function metricLabel(name: string): string {
  const c = canonicalMetric(name);
  return Object.hasOwn(KNOWN_METRICS, c) ? `${c} (${KNOWN_METRICS[c]!.label})` : c;
}
