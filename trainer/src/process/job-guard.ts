type Sig = "SIGTERM" | "SIGINT";

export interface JobGuardOptions {
  /** Asked once, on the first SIGTERM/SIGINT or when the parent dies: finish the step, checkpoint, exit 3. */
  stop: (why: string) => void;
  /** Signals to honour (default: this process). */
  signals?: { on(sig: Sig, fn: () => void): unknown; off(sig: Sig, fn: () => void): unknown };
  /** Watch for the parent process dying (default true); ms between checks (default 1000). */
  watchParent?: boolean;
  pollMs?: number;
  /** A second signal: exit at once (default: process.exit(3)); the previous checkpoint stays valid. */
  exitNow?: () => void;
}

/**
 * What keeps a training job's interrupt checkpoint safe however its parent goes away:
 * - the first SIGTERM/SIGINT asks the job to stop after the current step (a second one exits at once);
 * - a job whose parent died (ppid changed: re-parented to init) stops the same way, so an orphan never trains on
 *   unobserved and never competes with the job a restarted parent starts from the same checkpoint;
 * - writes to a closed stdout/stderr (the parent's end of the pipe is gone) are dropped instead of crashing the
 *   process with EPIPE — everything that matters is in storage (status.json, events.jsonl).
 * Returns a function that removes the handlers.
 */
export function guardJob(o: JobGuardOptions): () => void {
  const signals = o.signals ?? process;
  let stopped = false;
  const stopOnce = (why: string) => {
    if (stopped) return false;
    stopped = true;
    o.stop(why);
    return true;
  };
  const onSignal = () => {
    if (!stopOnce("signal")) (o.exitNow ?? (() => process.exit(3)))();
  };
  signals.on("SIGTERM", onSignal);
  signals.on("SIGINT", onSignal);
  const ignorePipeErrors = () => {};
  process.stdout.on("error", ignorePipeErrors);
  process.stderr.on("error", ignorePipeErrors);
  const parent = process.ppid;
  const watchdog =
    o.watchParent === false
      ? null
      : setInterval(() => {
          if (process.ppid !== parent) stopOnce("parent-exited");
        }, o.pollMs ?? 1000);
  watchdog?.unref();
  return () => {
    if (watchdog) clearInterval(watchdog);
    signals.off("SIGTERM", onSignal);
    signals.off("SIGINT", onSignal);
    // The pipe guards stay: output written while the process exits may still meet a closed pipe.
  };
}
