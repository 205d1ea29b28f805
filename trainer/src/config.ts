/**
 * Transitional: the training config moved to @gantry/core (its one home); this subpath re-exports it so importers of
 * `@gantry/trainer/config` keep working until they import @gantry/core directly.
 */
export {
  ConfigError,
  DataConfig,
  LOSS_NAMES,
  LossName,
  ModelConfig,
  OptimizerConfig,
  RegularizerSchema,
  TrainingConfig,
  parseTrainingConfig,
  zodIssues,
  type TrainingConfigInput,
} from "@gantry/core";
