import type { Interval, StudyResults, ThresholdStats } from "./aggregate.ts";
import type { ResolvedStudyConfig } from "./config.ts";
import { tuningIntro, tuningTables } from "./tuning-report.ts";

/** A number for tables: 4 significant digits, exponent form for very large / small magnitudes. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** "mean [lo, hi]" (just the mean with one value). */
export function ci(i: Interval | null | undefined): string {
  if (!i) return "—";
  return i.n < 2 ? `${num(i.mean)} (n=1)` : `${num(i.mean)} [${num(i.lo)}, ${num(i.hi)}]`;
}

export function thresholdName(t: ThresholdStats["threshold"]): string {
  return `${t.metric} ${t.op} ${num(t.value)}`;
}

function table(head: string[], rows: string[][]): string {
  const esc = (c: string) => c.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
  return [`| ${head.map(esc).join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join(
    "\n",
  );
}

/** How long the study took (the runner's own time, so gaps between invocations do not count). */
export function wallLine(seconds: number, workers: number): string {
  return `Wall time: ${num(seconds)} s with ${workers} workers (time spent by the study runner, summed over its invocations).`;
}

/** One line describing the shared setup of every run. */
export function setupLine(cfg: ResolvedStudyConfig): string {
  const m = cfg.model;
  const widths = m.gHidden || m.dHidden ? `, G ${JSON.stringify(m.gHidden ?? "default")} / D ${JSON.stringify(m.dHidden ?? "default")}` : "";
  return (
    `data ${cfg.data.name}${cfg.data.classes ? ` (classes ${cfg.data.classes.join(",")})` : ""} · ` +
    `model ${m.arch ?? "default"}${widths}${m.pack && m.pack > 1 ? ` · D packs ${m.pack} samples` : ""} · ${cfg.steps} steps · batch ${cfg.batchSize} · seeds ${cfg.seeds.join(", ")} · ` +
    `eval every ${cfg.evalEvery} steps · each loss with its documented preset` +
    (cfg.tuning ? ` · tuning: ${cfg.tuning.trials} trials per loss from ${JSON.stringify(cfg.tuning.space)} (seed ${cfg.tuning.seed})` : "") +
    (Object.keys(cfg.shared).length ? ` + shared overrides ${JSON.stringify(cfg.shared)}` : "") +
    (Object.keys(cfg.perLoss).length ? ` + per-loss overrides ${JSON.stringify(cfg.perLoss)}` : "")
  );
}

/** study.md: ranking, final / best metrics, convergence, failures and per-run rows. */
export function studyMarkdown(id: string, cfg: ResolvedStudyConfig, r: StudyResults, wallSeconds: number | null): string {
  const out: string[] = [];
  out.push(`# Study ${cfg.name ? `${cfg.name} (${id})` : id}`, "");
  if (cfg.description) out.push(cfg.description, "");
  out.push(setupLine(cfg), "");
  if (wallSeconds !== null) out.push(wallLine(wallSeconds, cfg.workers), "");
  if (r.tuning) {
    const t = tuningTables(r.tuning);
    out.push(
      "## Tuning: score vs number of trials",
      "",
      tuningIntro(r.tuning),
      "",
      table(t.summary[0]!, t.summary.slice(1)),
      "",
      "### Every trial",
      "",
      table(t.trials[0]!, t.trials.slice(1)),
      "",
    );
  }
  const atBest = r.tuning ? " — each loss at its best trial" : "";
  out.push(`## Ranking by final ${r.primaryMetric} (${r.direction === "min" ? "lower" : "higher"} is better)${atBest}`, "");
  out.push(
    table(
      ["#", "loss", "mean [95 % CI]", "finished seeds", "note"],
      r.ranking.map((e) => [String(e.rank), e.loss, ci(e.value), String(e.value?.n ?? 0), e.note]),
    ),
    "",
  );
  const metrics = r.metrics;
  out.push("## Final metrics (mean [95 % CI] over finished seeds)", "");
  out.push(
    table(
      ["loss", ...metrics],
      r.losses.map((l) => [l.loss, ...metrics.map((m) => ci(l.final[m]))]),
    ),
    "",
  );
  out.push("## Best metrics during training (mean [95 % CI] over seeds)", "");
  out.push(
    table(
      ["loss", ...metrics],
      r.losses.map((l) => [l.loss, ...metrics.map((m) => ci(l.best[m]))]),
    ),
    "",
  );
  const ths = r.losses[0]?.thresholds ?? [];
  if (ths.length) {
    out.push(
      "## Convergence: steps and training seconds to reach each threshold",
      "",
      'Averages cover only the runs that reached the threshold; "reached" counts them.',
      "",
    );
    out.push(
      table(
        ["loss", ...ths.flatMap((t) => [`${thresholdName(t.threshold)}: reached`, "steps", "seconds"])],
        r.losses.map((l) => [l.loss, ...l.thresholds.flatMap((t) => [`${t.reached}/${t.evaluated}`, ci(t.steps), ci(t.seconds)])]),
      ),
      "",
    );
  }
  out.push(
    "## Failures",
    "",
    `A run fails when it ${
      [cfg.failure.diverged ? "diverges (NaN/Inf)" : "", cfg.failure.collapsed ? "collapses (coverage falls below half its best)" : ""]
        .filter(Boolean)
        .join(" or ") || "— (no failure definition)"
    }.`,
    "",
  );
  out.push(
    table(
      ["loss", "runs", "finished", "diverged", "collapsed", "failure rate", "incomplete"],
      r.losses.map((l) => [
        l.loss,
        String(l.runs),
        String(l.finished),
        String(l.diverged),
        String(l.collapsed),
        l.failureRate === null ? "—" : `${num(100 * l.failureRate)} %`,
        String(l.incomplete),
      ]),
    ),
    "",
  );
  out.push("## Runs", "");
  out.push(
    table(
      ["run", "status", `final ${r.primaryMetric}`, ...ths.map((t) => `steps to ${thresholdName(t.threshold)}`), "note"],
      r.runs.map((o) => [
        o.runId,
        o.status,
        num(o.final?.[r.primaryMetric]),
        ...o.thresholds.map((t) => (t.evaluated ? (t.steps === null ? "never" : String(t.steps)) : "—")),
        [o.diverged ? "diverged" : "", o.collapsed ? "collapsed" : "", o.error ? `${o.error.code}: ${o.error.message}` : ""]
          .filter(Boolean)
          .join("; "),
      ]),
    ),
    "",
  );
  out.push("## Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  return out.join("\n");
}
