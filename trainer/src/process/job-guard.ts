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
  /** A repeat within this many ms of the first signal is the same request, not a second one (default 1000). */
  repeatMs?: number;
  /** Clock for the repeat window (tests). */
  now?: () => number;
}

/**
 * What keeps a training job's interrupt checkpoint safe however its parent goes away:
 * - the first SIGTERM/SIGINT asks the job to stop after the current step (a second one exits at once). One Ctrl-C
 *   can arrive twice: the terminal signals the whole foreground group and `npx`/`npm exec` forwards the signal to
 *   its child again, so a repeat within `repeatMs` counts as the same request — else a plain Ctrl-C through npx
 *   would skip the interrupt checkpoint;
 * - a job whose parent died (ppid changed: re-parented to init) stops the same way, so an orphan never trains on
 *   unobserved and never competes with the job a restarted parent starts from the same checkpoint;
 * - writes to a closed stdout/stderr (the parent's end of the pipe is gone) are dropped instead of crashing the
 *   process with EPIPE — everything that matters is in storage (status.json, events.jsonl).
 * Returns a function that removes the handlers.
 */
export function guardJob(o: JobGuardOptions): () => void {
  const signals = o.signals ?? process;
  const now = o.now ?? Date.now;
  let stopped = false;
  let signalledAt: number | null = null;
  const stopOnce = (why: string) => {
    if (stopped) return false;
    stopped = true;
    o.stop(why);
    return true;
  };
  // The first signal stops (a no-op when the parent's death already did: the job is stopping either way, and the
  // runner's recovery SIGTERM to an orphan must not cut its checkpoint short); a later one exits now.
  const onSignal = () => {
    const t = now();
    if (signalledAt === null) {
      signalledAt = t;
      stopOnce("signal");
    } else if (t - signalledAt >= (o.repeatMs ?? 1000)) {
      (o.exitNow ?? (() => process.exit(3)))();
    }
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
