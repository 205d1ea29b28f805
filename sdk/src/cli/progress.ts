import type { TrainingProgress } from "../types.ts";
import type { Out } from "./context.ts";

const WIDTH = 28;

function eta(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return "eta ?";
  if (s < 90) return `eta ${Math.round(s)}s`;
  return s < 5400 ? `eta ${Math.round(s / 60)}m` : `eta ${(s / 3600).toFixed(1)}h`;
}

/**
 * Shows training progress on `out`: a redrawn bar on a terminal, otherwise a log line at every 10 % (or every
 * 30 s) so CI logs stay short.
 *
 * Not cli-progress (the field's bar library; gantry-train's reporter decides the same way): this CLI ships inside
 * @gantry/sdk, whose runtime dependencies are ky and eventsource-parser for every browser and edge user, and
 * cli-progress would add itself and string-width to all of them for one `\r` line. What this reporter mostly prints
 * is not a bar: `gantry train --wait` runs in CI (the workflow example), where it writes a line per 10 % — cli-progress's
 * non-TTY mode redraws the bar text on a fixed timer instead — and messages must interleave with the bar (its
 * SingleBar has no log-above). The two CLIs cannot share one module either: the SDK imports nothing of the trainer.
 */
export class ProgressReporter {
  private lastBucket = -1;
  private lastLineAt = 0;
  private drawn = false;

  constructor(
    private readonly out: Out,
    private readonly id: string,
    private readonly now: () => number = Date.now,
  ) {}

  update(p: TrainingProgress): void {
    const frac = p.steps > 0 ? Math.min(1, p.step / p.steps) : 0;
    const pct = Math.floor(frac * 100);
    const rate = `${p.stepsPerSecond.toFixed(1)} steps/s`;
    if (this.out.isTTY) {
      const fill = Math.round(frac * WIDTH);
      this.out.write(
        `\r\x1b[K${this.id} [${"#".repeat(fill)}${".".repeat(WIDTH - fill)}] ${String(pct).padStart(3)}% ${p.step}/${p.steps} ${rate} ${eta(p.etaSeconds)}`,
      );
      this.drawn = true;
      return;
    }
    const bucket = Math.floor(pct / 10);
    if (bucket > this.lastBucket || this.now() - this.lastLineAt >= 30_000) {
      this.lastBucket = bucket;
      this.lastLineAt = this.now();
      this.out.write(`${this.id}: step ${p.step}/${p.steps} (${pct}%) ${rate} ${eta(p.etaSeconds)}\n`);
    }
  }

  /** A message on its own line (ends a drawn bar first). */
  line(s: string): void {
    this.finish();
    this.out.write(`${s}\n`);
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.drawn) this.out.write("\n");
    this.drawn = false;
  }
}
