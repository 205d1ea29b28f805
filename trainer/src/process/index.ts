/**
 * Job processes, node-only and free of tfjs: one child-process wrapper and one worker pool shared by the API's local
 * runner and studies, plus what a job process itself needs to survive its parent (closed pipes, parent death).
 */
export { ChildJob, describeExit, tailLines, type ChildExit, type ChildJobSpec } from "./child-job.ts";
export { isJobProcess, stopOrphan } from "./orphan.ts";
export { WorkerPool, type TaskOutcome, type WorkerPoolOptions } from "./worker-pool.ts";
export { guardJob, type JobGuardOptions } from "./job-guard.ts";
