/** The training job: runs one attempt of a training under the job protocol (status, metrics, events, samples). */
export { runTrainingJob, type RunTrainingJobOptions, type TrainingJobResult } from "./run-training-job.ts";
export { JobRecorder, FLUSH_INTERVAL_MS, MAX_EVENTS } from "./recorder.ts";
export { classifyError, JobError } from "./errors.ts";
export { bestMetricFor, evaluateSession, imageEvaluatorFor } from "./evaluate.ts";
export { encodePng } from "./png.ts";
export { imageGridPng, scatterSvg, type ScatterOptions } from "./sample-art.ts";
