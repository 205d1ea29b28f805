// The pictures of a study page: the chosen metric against step with a band per loss (mean and 95 % CI over seeds,
// GET /v1/studies/{id}/curves), and each loss's final samples side by side (its first finished seed, sampled from
// the run's checkpoint with the same seed for every loss, so the figures differ only by the loss).
import { api, showImage } from "../api.js";
import { errorBox, h, replace } from "../dom.js";
import { METRIC_LABELS } from "../series.js";
import { bandChart } from "./band-chart.js";

const SAMPLE_SEED = 1;

/** Link to a run's page. */
export const runHref = (studyId, runId) => `#/studies/${encodeURIComponent(studyId)}/runs/${encodeURIComponent(runId)}`;

/** Mounts the figures of `study`; returns { el, destroy() }. */
export function studyFigures(study) {
  const ctrl = new AbortController();
  const id = study.id;
  const primary = study.results?.primaryMetric ?? study.config?.primaryMetric ?? "swd";
  const metrics = study.results?.metrics?.length ? study.results.metrics : [primary];
  const select = h(
    "select",
    { id: "study-metric" },
    metrics.map((m) => h("option", { value: m, selected: m === primary }, METRIC_LABELS[m] ?? m)),
  );
  const chartBox = h("div", { class: "band-box", "aria-live": "polite" });
  let chart = null;
  const draw = async () => {
    try {
      const curves = await api(`v1/studies/${encodeURIComponent(id)}/curves?metric=${encodeURIComponent(select.value)}`, { signal: ctrl.signal });
      chart?.destroy();
      chart = bandChart(curves, METRIC_LABELS[curves.metric] ?? curves.metric);
      replace(chartBox, chart.el);
    } catch (err) {
      if (err?.name !== "AbortError") replace(chartBox, errorBox(err));
    }
  };
  select.addEventListener("change", () => void draw());
  void draw();

  const runs = Array.isArray(study.runs) ? study.runs : [];
  const samples = h(
    "div",
    { class: "loss-samples" },
    (study.config?.losses ?? []).map((loss) => {
      const run = runs.find((r) => r.loss === loss && r.status === "succeeded");
      if (!run)
        return h("figure", { class: "card", dataset: { loss } }, h("figcaption", null, loss), h("p", { class: "empty" }, "No finished run yet."));
      const img = h("img", { class: "samples", alt: `Samples of ${loss} (${run.runId}) at its final checkpoint, seed ${SAMPLE_SEED}` });
      showImage(
        img,
        `v1/studies/${encodeURIComponent(id)}/runs/${encodeURIComponent(run.runId)}/samples.png?n=256&seed=${SAMPLE_SEED}`,
        ctrl.signal,
      ).catch((err) => {
        if (err?.name !== "AbortError") img.replaceWith(errorBox(err));
      });
      return h(
        "figure",
        { class: "card", dataset: { loss } },
        h("figcaption", null, h("a", { href: runHref(id, run.runId) }, loss), ` · seed ${run.seed}`),
        img,
      );
    }),
  );

  const el = h(
    "div",
    { class: "study-figures" },
    h(
      "section",
      { class: "card", "aria-labelledby": "study-curves-h" },
      h("h2", { id: "study-curves-h" }, "Metric against step, per loss"),
      h("div", { class: "field inline" }, h("label", { for: "study-metric" }, "Metric"), select),
      chartBox,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "study-samples-h" },
      h("h2", { id: "study-samples-h" }, "Final samples per loss"),
      h("p", { class: "hint" }, `Each loss's first finished seed at its last checkpoint, all drawn from latent seed ${SAMPLE_SEED}.`),
      samples,
    ),
  );
  return {
    el,
    destroy() {
      ctrl.abort();
      chart?.destroy();
    },
  };
}
