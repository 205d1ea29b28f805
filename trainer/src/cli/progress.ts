import type { JobEvent } from "@gantry/core";

export interface ProgressOptions {
  write: (text: string) => void;
  /** Redraw one line with \r (TTY) or print plain lines (logs, pipes). */
  tty: boolean;
  /** Minimum time between plain lines. */
  intervalMs?: number;
  /** Terminal width for the bar line (default 100). */
  columns?: number;
  now?: () => number;
}

/** Seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

interface View {
  step: number;
  steps: number;
  rate: number;
  eta: number | null;
  dLoss?: number;
  gLoss?: number;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * Turns job events into terminal progress: on a TTY a single bar line (step/steps, steps/s, ETA, latest D/G loss)
 * redrawn in place; otherwise a plain line at most every `intervalMs`, plus status changes and log messages.
 *
 * Not cli-progress: the bar is one `\r` line, while most of what this prints is not — evaluation, status and log
 * lines interleaved with the bar (cli-progress's SingleBar cannot print above itself) and, off a terminal (Batch,
 * CI, the API's job logs), throttled plain lines that always include the last step (its non-TTY mode redraws on a
 * fixed timer). The `gantry` CLI's reporter (@gantry/sdk) says why it does not use it either; the two cannot share a
 * module, since the SDK imports nothing of the trainer.
 */
export function createProgressReporter(opts: ProgressOptions): { onEvent(e: JobEvent): void; finish(): void } {
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? 5000;
  const view: View = { step: 0, steps: 0, rate: 0, eta: null };
  let lastPlain = -Infinity;
  let lastPlainStep = -1;
  let barShown = false;

  const text = (): string => {
    const loss = view.dLoss === undefined ? "" : `  D ${view.dLoss.toFixed(4)}  G ${(view.gLoss ?? NaN).toFixed(4)}`;
    return `${view.step}/${view.steps}  ${view.rate.toFixed(1)} steps/s  ETA ${formatDuration(view.eta)}${loss}`;
  };
  const bar = (): string => {
    const width = 24;
    const filled = view.steps > 0 ? Math.min(width, Math.floor((view.step / view.steps) * width)) : 0;
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${text()}`;
    return line.slice(0, (opts.columns ?? 100) - 1).padEnd((opts.columns ?? 100) - 1);
  };
  const clearBar = () => {
    if (barShown) opts.write(`\r${" ".repeat((opts.columns ?? 100) - 1)}\r`);
    barShown = false;
  };
  const message = (line: string) => {
    clearBar();
    opts.write(`${line}\n`);
  };

  return {
    onEvent(e) {
      const d = e.data;
      if (e.type === "progress") {
        view.step = num(d.step) ?? view.step;
        view.steps = num(d.steps) ?? view.steps;
        view.rate = num(d.stepsPerSecond) ?? view.rate;
        view.eta = num(d.etaSeconds) ?? null;
      } else if (e.type === "metric") {
        if (num(d.dLoss) !== undefined) view.dLoss = num(d.dLoss);
        if (num(d.gLoss) !== undefined) view.gLoss = num(d.gLoss);
        if (d.eval && typeof d.eval === "object") {
          const parts = Object.entries(d.eval as Record<string, unknown>)
            .filter(([, v]) => typeof v === "number")
            .map(([k, v]) => `${k} ${(v as number).toPrecision(4)}`);
          message(`eval @ step ${String(d.step)}: ${parts.join("  ")}`);
        }
      } else if (e.type === "status") {
        message(`status: ${String(d.status)}${d.error ? ` (${JSON.stringify(d.error)})` : ""}`);
        return;
      } else if (e.type === "log") {
        message(String(d.message ?? JSON.stringify(d)));
        return;
      }
      // Redraw on progress only: the job emits a step's metric line just before its progress event.
      if (e.type !== "progress") return;
      if (opts.tty) {
        opts.write(`\r${bar()}`);
        barShown = true;
      } else if (view.step !== lastPlainStep && (now() - lastPlain >= interval || view.step >= view.steps)) {
        lastPlain = now();
        lastPlainStep = view.step;
        opts.write(`step ${text()}\n`);
      }
    },
    finish() {
      if (barShown) opts.write("\n");
      barShown = false;
    },
  };
}
