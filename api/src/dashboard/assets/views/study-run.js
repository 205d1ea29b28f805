// One run of a study (#/studies/{id}/runs/{runId}): what it is, its final metrics, its curves (losses, gradient
// norms, critic outputs, every evaluation metric) and samples from its checkpoint — read from the files the run
// wrote under the study (GET /v1/studies/{id}/runs/{runId}, …/metrics, …/samples.png). It re-reads while the run
// is in progress; study runs have no event stream of their own.
import { api, showImage } from "../api.js";
import { badge, errorBox, h, replace } from "../dom.js";
import { fmtNum } from "../format.js";
import { METRIC_LABELS, STEP_CHARTS, addLine, createStore } from "../series.js";
import { isRunActive } from "../states.js";
import { curveChart } from "./curve-chart.js";

function finalTable(final) {
  if (!final) return h("p", { class: "empty" }, "No evaluation yet.");
  return h(
    "table",
    { class: "final-metrics" },
    h("caption", { class: "hint" }, `Last evaluation, at step ${final.step}`),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Metric"), h("th", { scope: "col" }, "Value"))),
    h(
      "tbody",
      null,
      Object.entries(final.values).map(([k, v]) =>
        h("tr", null, h("th", { scope: "row" }, METRIC_LABELS[k] ?? k), h("td", { class: "num" }, fmtNum(v))),
      ),
    ),
  );
}

/** Mounts the run page; returns the cleanup function. */
export function mountStudyRun(root, studyId, runId) {
  const ctrl = new AbortController();
  const base = `v1/studies/${encodeURIComponent(studyId)}/runs/${encodeURIComponent(runId)}`;
  const stepCharts = STEP_CHARTS.map((c) => curveChart({ title: c.title, labels: c.labels, log: c.log }));
  const evalCharts = [];
  const facts = h("div", { "aria-live": "polite" });
  const final = h("div");
  const evalsEl = h("div", { class: "curves" });
  const img = h("img", { class: "samples", alt: `Samples of run ${runId} at its latest checkpoint (seed 1)` });
  const picture = h("figure", { class: "sample-panel" }, img, h("figcaption", null, "256 samples, latent seed 1."));
  const config = h("pre", { class: "config", tabindex: 0, "aria-label": "Run config (JSON)" });
  replace(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `#/studies/${encodeURIComponent(studyId)}` }, `← Study ${studyId}`)),
    h("h1", null, `Run ${runId}`),
    h(
      "div",
      { class: "detail" },
      h("section", { class: "card", "aria-labelledby": "run-h" }, h("h2", { id: "run-h" }, "Run"), facts, final),
      h("section", { class: "card", "aria-labelledby": "run-samples-h" }, h("h2", { id: "run-samples-h" }, "Samples"), picture),
      h(
        "section",
        { class: "card wide", "aria-labelledby": "run-curves-h" },
        h("h2", { id: "run-curves-h" }, "Training curves"),
        h(
          "div",
          { class: "curves" },
          stepCharts.map((c) => c.el),
        ),
      ),
      h("section", { class: "card wide", "aria-labelledby": "run-eval-h" }, h("h2", { id: "run-eval-h" }, "Evaluation"), evalsEl),
      h("details", { class: "card wide" }, h("summary", null, "Config"), config),
    ),
  );

  let timer = 0;
  let shownStep = null;
  const load = async () => {
    try {
      const [run, lines] = await Promise.all([api(base, { signal: ctrl.signal }), api(`${base}/metrics`, { signal: ctrl.signal })]);
      replace(
        facts,
        h(
          "dl",
          { class: "facts" },
          h("dt", null, "Status"),
          h("dd", null, badge(run.status)),
          h("dt", null, "Loss · seed"),
          h("dd", null, `${run.loss} · ${run.seed}${run.trial !== null ? ` · trial ${run.trial}` : ""}`),
          h("dt", null, "Step"),
          h("dd", null, `${run.step} / ${run.steps}`),
          h("dt", null, "Checkpoint"),
          h("dd", null, run.checkpointStep === null ? "none yet" : `step ${run.checkpointStep}`),
          run.error ? [h("dt", null, "Error"), h("dd", null, `${run.error.code}: ${run.error.message}`)] : null,
        ),
      );
      replace(final, finalTable(run.final));
      config.textContent = JSON.stringify(run.config, null, 2);
      const store = createStore();
      for (const line of lines.data) addLine(store, line);
      STEP_CHARTS.forEach((c, i) =>
        stepCharts[i].update(
          store.steps,
          c.keys.map((k) => store.cols[k] ?? []),
        ),
      );
      for (const c of evalCharts) c.destroy();
      evalCharts.length = 0;
      evalsEl.replaceChildren();
      for (const [k, col] of Object.entries(store.evals)) {
        const chart = curveChart({ title: METRIC_LABELS[k] ?? k, labels: [k], smoothing: false });
        evalCharts.push(chart);
        evalsEl.append(chart.el);
        chart.update(store.evalSteps, [col]);
      }
      if (evalCharts.length === 0) evalsEl.append(h("p", { class: "empty" }, "No evaluation yet."));
      if (run.checkpointStep !== null && run.checkpointStep !== shownStep) {
        shownStep = run.checkpointStep;
        showImage(img, `${base}/samples.png?n=256&seed=1&version=${run.checkpointStep}`, ctrl.signal).catch((err) => {
          if (err?.name !== "AbortError") picture.append(errorBox(err));
        });
      } else if (run.checkpointStep === null) img.alt = "No checkpoint yet.";
      if (isRunActive(run.status)) timer = setTimeout(load, 3000);
    } catch (err) {
      if (err?.name !== "AbortError") replace(facts, errorBox(err));
    }
  };
  void load();
  return () => {
    clearTimeout(timer);
    ctrl.abort();
    for (const c of [...stepCharts, ...evalCharts]) c.destroy();
  };
}
