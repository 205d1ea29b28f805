import { getLoss } from "../losses/index.ts";
import { lossBudget, type StudyResults } from "./aggregate.ts";
import type { RunData } from "./collect.ts";
import type { ResolvedStudyConfig } from "./config.ts";
import { lossCurve, metricCurve, type CurvePoint } from "./curves.ts";
import type { SampleFigure } from "./final-samples.ts";
import { setupLine, wallLine } from "./markdown.ts";
import { metricLabel } from "./metric-names.ts";
import { convergenceTable, failuresTable, metricsTable, rankingTable, type ReportTable } from "./report-rows.ts";
import { colour, escapeXml, lineChart, type LineSeries } from "./svg/index.ts";
import { tuningChart, tuningIntro, tuningTables } from "./tuning-report.ts";

export interface HtmlReportInput {
  id: string;
  config: ResolvedStudyConfig;
  results: StudyResults;
  runs: readonly RunData[];
  samples: readonly SampleFigure[];
  wallSeconds: number | null;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1320px;color:#222;padding:0 16px}
table{border-collapse:collapse;margin:8px 0 20px;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}.grid{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0}figcaption{font-size:12px;color:#555}.note{color:#555;font-size:13px}img.px{image-rendering:pixelated;width:300px}`;

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const h = `<tr>${head.map((c) => `<th>${escapeXml(c)}</th>`).join("")}</tr>`;
  const cell = (c: string, i: number) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${escapeXml(c)}</td>`;
  const body = rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`);
  return `<table>${h}${body.join("")}</table>`;
}

const html = (t: ReportTable) => table(t.head, t.rows, t.numeric);

function series(label: string, pts: CurvePoint[], c: string, dashed = false): LineSeries {
  return {
    label,
    colour: c,
    dashed,
    points: pts.map((p) => ({ x: p.x, y: p.mean })),
    band: pts.map((p) => ({ x: p.x, lo: p.min, hi: p.max })),
  };
}

/** What a chart's mean is over: the seeds, of each loss's best trial in a tuning study (as the tables). */
const over = (cfg: ResolvedStudyConfig) => `${cfg.seeds.length} seeds${cfg.tuning ? ` of each loss's best of ${cfg.tuning.trials} trials` : ""}`;

/** One chart per eval metric: every loss's mean over seeds with its min–max band. */
function metricCharts(cfg: ResolvedStudyConfig, r: StudyResults, runs: readonly RunData[]): string {
  return r.metrics
    .map((m) =>
      lineChart({
        title: `${metricLabel(m)} vs step (mean over ${over(cfg)}, band = min–max)`,
        xLabel: "step",
        yLabel: m,
        width: 640,
        height: 330,
        series: cfg.losses.map((loss, i) =>
          series(
            loss,
            metricCurve(
              runs.filter((x) => x.loss === loss),
              m,
            ),
            colour(i),
          ),
        ),
      }),
    )
    .join("\n");
}

/** Small multiples: D and G loss of each loss (mean over seeds, band = min–max). */
function lossCharts(cfg: ResolvedStudyConfig, runs: readonly RunData[]): string {
  return cfg.losses
    .map((loss) => {
      const own = runs.filter((x) => x.loss === loss);
      return lineChart({
        title: `${loss}: D and G loss (mean over ${over(cfg)})`,
        xLabel: "step",
        yLabel: "loss",
        width: 430,
        height: 250,
        series: [series("D loss", lossCurve(own, "dLoss"), "#0072b2"), series("G loss", lossCurve(own, "gLoss"), "#d55e00", true)],
      });
    })
    .join("\n");
}

function sampleFigures(samples: readonly SampleFigure[]): string {
  return samples
    .map((s) => {
      const caption = `<figcaption>${escapeXml(s.loss)}${s.runId ? ` · ${escapeXml(s.runId)} · step ${s.step}` : ""}</figcaption>`;
      if (s.svg) return `<figure>${s.svg}${caption}</figure>`;
      if (s.png) return `<figure><img class="px" alt="samples of ${escapeXml(s.loss)}" src="${s.png}">${caption}</figure>`;
      return `<figure><p class="note">${escapeXml(s.note ?? "no samples")}</p>${caption}</figure>`;
    })
    .join("\n");
}

/** The tuning section: budget curve chart, per-loss summary and every trial. */
function tuningSection(r: StudyResults): string {
  if (!r.tuning) return "";
  const t = tuningTables(r.tuning);
  return [
    `<h2>Tuning: score vs number of trials</h2><p class="note">${escapeXml(tuningIntro(r.tuning))}</p>`,
    `<div class="grid">${tuningChart(r.tuning)}</div>`,
    table(t.summary[0]!, t.summary.slice(1)),
    "<h3>Every trial</h3>",
    table(t.trials[0]!, t.trials.slice(1), [3]),
  ].join("\n");
}

/** report.html: self-contained (inline CSS and SVG, PNGs as data: URIs), no scripts, no external requests. */
export function studyHtml(o: HtmlReportInput): string {
  const { config: cfg, results: r } = o;
  const title = `Study ${cfg.name ? `${cfg.name} (${o.id})` : o.id}`;
  const budget = lossBudget(cfg);
  const convergence = convergenceTable(r, budget);
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${escapeXml(title)}</h1>`,
    cfg.description ? `<p>${escapeXml(cfg.description)}</p>` : "",
    `<p>${escapeXml(setupLine(cfg))}</p>`,
    o.wallSeconds !== null ? `<p>${escapeXml(wallLine(o.wallSeconds, cfg.workers))}</p>` : "",
    tuningSection(r),
    `<h2>Ranking by final ${escapeXml(r.primaryMetric)} (${r.direction === "min" ? "lower" : "higher"} is better)` +
      `${r.tuning ? " — each loss at its best trial" : ""}</h2>`,
    html(rankingTable(r, budget)),
    '<h2>Final metrics</h2><p class="note">Mean [95 % bootstrap CI] over finished seeds.</p>',
    html(metricsTable(r, "final", budget)),
    "<h2>Best metrics during training</h2>",
    html(metricsTable(r, "best", budget)),
    convergence
      ? '<h2>Convergence speed</h2><p class="note">Steps and training seconds to the first evaluation meeting ' +
        "each threshold, averaged over the runs that reached it; the others never did (see “reached”).</p>" +
        html(convergence)
      : "",
    "<h2>Failures</h2>",
    html(failuresTable(r, budget)),
    '<h2>Metrics during training</h2><div class="grid">',
    metricCharts(cfg, r, o.runs),
    "</div>",
    '<h2>Discriminator and generator loss</h2><div class="grid">',
    lossCharts(cfg, o.runs),
    "</div>",
    `<h2>Final samples</h2><p class="note">First finished seed of each loss${cfg.tuning ? " at its best trial" : ""}, ` +
      "same latents for every loss.</p>",
    `<div class="grid">${sampleFigures(o.samples)}</div>`,
    "<h2>Losses</h2>",
    table(
      ["loss", "title", "paper"],
      cfg.losses.map((l) => [l, getLoss(l).title, getLoss(l).paper]),
    ),
    "<h2>Notes</h2><ul>",
    ...r.notes.map((n) => `<li>${escapeXml(n)}</li>`),
    "</ul></body></html>\n",
  ];
  return parts.join("\n");
}
