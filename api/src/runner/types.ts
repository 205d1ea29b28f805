/** Counts the /healthz endpoint reports. */
export interface RunnerStats {
  kind: string;
  workers: number;
  running: number;
  queued: number;
  /** Jobs that ended (any outcome) since start(). */
  finished: number;
  /** Local runner: whether this instance holds the queue's lease (and so runs jobs); null where the queue is elsewhere (Batch). */
  queueOwner: boolean | null;
}

/**
 * Executes trainings. A training's config.json and status.json exist before `submit`; the runner owns the
 * process lifecycle and writes the states a job cannot write itself (canceled, failed by crash).
 */
export interface Runner {
  /** Persists `id` in the queue and starts it when a worker is free. */
  submit(id: string): Promise<void>;
  /**
   * Stops a queued or running training and marks it canceled; resolves once it is canceled (true) or when there
   * was nothing to cancel because the training already ended (false).
   */
  cancel(id: string): Promise<boolean>;
  /**
   * Runs a canceled or failed training again from its latest checkpoint, with a fresh attempt budget. The caller has
   * checked it is resumable and set it back to "queued".
   */
  resume(id: string): Promise<void>;
  stats(): RunnerStats;
  /** Resumes the persisted queue: queued trainings and interrupted or orphaned running ones (from their checkpoint). */
  start(): Promise<void>;
  /** Stops accepting work and interrupts running jobs (they checkpoint and stay queued for the next start). */
  stop(): Promise<void>;
}
