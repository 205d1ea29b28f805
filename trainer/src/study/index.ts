/**
 * Loss-comparison studies: a grid of losses × seeds trained as ordinary jobs, aggregated into study.json,
 * study.md and a self-contained report.html (see runStudy, createStudyService and the gantry-study command).
 */
export {
  expandStudy,
  parseStudy,
  parseStudyConfig,
  RunOverrides,
  StudyConfig,
  StudyConfigError,
  Threshold,
  type ResolvedStudyConfig,
  type StudyConfigInput,
  type StudyRun,
} from "./config.ts";
export { readStudy, runStudy, type RunStudyOptions, type StudyRunResult } from "./runner.ts";
export type {
  StudyDocument,
  StudyProgress,
  StudyRunRecord,
  StudyState,
} from "./state.ts";
export {
  aggregateStudy,
  rank,
  type AggregateConfig,
  type Interval,
  type LossResult,
  type RankEntry,
  type StudyResults,
  type ThresholdStats,
} from "./aggregate.ts";
export { runOutcome, type RunOutcome } from "./run-outcome.ts";
export { Tuning, TuningSpace, type TrialValues } from "./tuning-space.ts";
export { describeTrial, drawTrials } from "./tuning.ts";
export { budgetCurve, type BudgetPoint, type LossTuning, type TrialScore, type TuningResults } from "./tuning-results.ts";
export { collectRuns, parseMetrics, type EvalPoint, type LossPoint, type RunData } from "./collect.ts";
export { buildStudyReport, type BuildReportOptions, type BuiltReport } from "./report.ts";
export { studyMarkdown } from "./markdown.ts";
export { studyHtml } from "./report-html.ts";
export { createStudyService, type StudyService, type StudyServiceOptions, type StudyView } from "./service.ts";
export { studyRunStorage } from "./run-storage.ts";
export { spawnRunProcess, STUDY_BIN, type RunExit, type RunHandle, type RunSpawnSpec, type SpawnRun } from "./spawn.ts";
export { listPresets, loadPreset, PRESETS_DIR } from "./presets.ts";
export { studyMain, STUDY_HELP } from "./cli.ts";
export { canonicalMetric, metricDirection, KNOWN_METRICS, METRIC_ALIASES } from "./metric-names.ts";
export * as svg from "./svg/index.ts";
