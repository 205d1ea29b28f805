import { lossBudget, type StudyResults } from "./aggregate.ts";
import type { ResolvedStudyConfig } from "./config.ts";
import { convergenceTable, failuresTable, metricsTable, num, rankingTable, type ReportTable, thresholdName } from "./report-rows.ts";
import { tuningIntro, tuningTables } from "./tuning-report.ts";

function table(head: string[], rows: string[][]): string {
  const esc = (c: string) => c.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
  return [`| ${head.map(esc).join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join(
    "\n",
  );
}

const md = (t: ReportTable) => table(t.head, t.rows);

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
  const budget = lossBudget(cfg);
  out.push(md(rankingTable(r, budget)), "");
  out.push("## Final metrics (mean [95 % CI] over finished seeds)", "", md(metricsTable(r, "final", budget)), "");
  out.push("## Best metrics during training (mean [95 % CI] over seeds)", "", md(metricsTable(r, "best", budget)), "");
  const ths = r.losses[0]?.thresholds ?? [];
  const convergence = convergenceTable(r, budget);
  if (convergence) {
    out.push(
      "## Convergence: steps and training seconds to reach each threshold",
      "",
      'Averages cover only the runs that reached the threshold; "reached" counts them.',
      "",
      md(convergence),
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
  out.push(md(failuresTable(r, budget)), "");
  out.push("## Runs", "");
  out.push(
    table(
      ["run", "status", `final ${r.primaryMetric} (${cfg.steps} steps)`, ...ths.map((t) => `steps to ${thresholdName(t.threshold)}`), "note"],
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
