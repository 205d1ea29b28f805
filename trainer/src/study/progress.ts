import { formatDuration } from "../cli/progress.ts";
import type { StudyDocument } from "./state.ts";

export interface StudyProgressOptions {
  write(s: string): unknown;
  tty: boolean;
  columns?: number;
  /** Minimum ms between plain (non-TTY) lines, except when a run ends (default 30 000). */
  intervalMs?: number;
  now?: () => number;
}

/** "[####....] 12/36 runs  2 running  1 failed  33%  ETA 4:05" for the whole grid. */
export function progressLine(doc: StudyDocument, width = 24): string {
  const p = doc.progress;
  const filled = Math.round(Math.min(1, Math.max(0, p.fraction)) * width);
  const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
  return [
    `${bar} ${p.done}/${p.total} runs`,
    `${p.running} running`,
    ...(p.failed ? [`${p.failed} failed`] : []),
    `${Math.floor(100 * p.fraction)}%`,
    `ETA ${formatDuration(p.etaSeconds)}`,
  ].join("  ");
}

/**
 * Progress over the whole grid: one redrawn line on a TTY; otherwise plain lines, printed when a run ends and at
 * most every `intervalMs` in between (logs stay short).
 */
export function createStudyProgress(o: StudyProgressOptions): { update(doc: StudyDocument): void; finish(): void } {
  const now = o.now ?? Date.now;
  const interval = o.intervalMs ?? 30_000;
  let last = -Infinity;
  let lastDone = -1;
  let drawn = false;
  return {
    update(doc) {
      const line = progressLine(doc);
      if (o.tty) {
        const cols = o.columns ?? 100;
        o.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length + 8))}`);
        drawn = true;
        return;
      }
      const t = now();
      if (doc.progress.done !== lastDone || t - last >= interval) {
        o.write(`${line}\n`);
        last = t;
        lastDone = doc.progress.done;
      }
    },
    finish() {
      if (o.tty && drawn) o.write("\n");
      drawn = false;
    },
  };
}
