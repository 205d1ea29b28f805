import { studyKeys, type Storage } from "../storage/index.ts";
import { aggregateStudy, type StudyResults } from "./aggregate.ts";
import { collectRuns } from "./collect.ts";
import { expandStudy, type StudyRun } from "./config.ts";
import { finalSamples, type SampleFigure } from "./final-samples.ts";
import { studyMarkdown } from "./markdown.ts";
import { studyHtml } from "./report-html.ts";
import type { StudyDocument } from "./state.ts";

export interface BuildReportOptions {
  storage: Storage;
  doc: StudyDocument;
  /** The grid (default: expanded from doc.config). */
  runs?: readonly StudyRun[];
  /** Draw final samples from checkpoints (needs a tfjs backend in this process); default true. */
  samples?: boolean;
}

export interface BuiltReport {
  results: StudyResults;
  markdown: string;
  html: string;
}

/**
 * Reads every run's metrics back, aggregates them, and writes studies/<id>/study.md and report.html. study.json
 * is the caller's (the runner stores `results` in it). Works on partial studies too: unfinished runs are counted
 * as incomplete.
 */
export async function buildStudyReport(o: BuildReportOptions): Promise<BuiltReport> {
  const { doc, storage } = o;
  const cfg = doc.config;
  const runs = o.runs ?? expandStudy(cfg);
  const data = await collectRuns(storage, doc.id, runs);
  // The study's record wins where the run's own status is stale (e.g. a crash the runner gave up on).
  for (const d of data) {
    const rec = doc.runs.find((r) => r.runId === d.runId);
    if (rec?.status === "failed" && d.status !== "failed") {
      d.status = "failed";
      d.error = rec.error;
    }
  }
  const results = aggregateStudy(data, cfg);
  // With tuning, the figures (curves, final samples) show each loss at its best trial, as the tables do; drawn from
  // every trial they would mix the budget behind a number with the search around it.
  const best = new Map(results.tuning?.losses.map((t) => [t.loss, t.bestTrial]) ?? []);
  const shown = (loss: string, trial: number | null | undefined) => !results.tuning || trial === best.get(loss);
  const records = doc.runs.filter((r) => shown(r.loss, r.trial));
  const samples: SampleFigure[] = o.samples === false ? [] : await finalSamples(storage, doc.id, cfg, records);
  const wallSeconds = doc.activeSeconds > 0 ? doc.activeSeconds : null;
  const markdown = studyMarkdown(doc.id, cfg, results, wallSeconds);
  const html = studyHtml({ id: doc.id, config: cfg, results, runs: data.filter((d) => shown(d.loss, d.trial?.index)), samples, wallSeconds });
  const keys = studyKeys(doc.id);
  await storage.put(keys.summary, markdown, { contentType: "text/markdown; charset=utf-8" });
  await storage.put(keys.report, html, { contentType: "text/html; charset=utf-8" });
  return { results, markdown, html };
}
