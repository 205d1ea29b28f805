// A study's metric against step, one colour per loss: the mean over seeds as a line and its 95 % CI as a shaded
// band (uPlot's bands between the hi and lo series). The legend is drawn by the page, one entry per loss, because
// uPlot's own would list three series per loss; a text summary gives each loss's last point for screen readers.
import uPlot from "../vendor/uplot.js";
import { bandColumns, lastPoints } from "../bands.js";
import { h } from "../dom.js";
import { fmtCount, fmtNum } from "../format.js";

const HEIGHT = 300;
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#555";

/** The chart of `curves` (GET /v1/studies/{id}/curves) titled `title`; returns { el, destroy() }. */
export function bandChart(curves, title) {
  const { steps, series } = bandColumns(curves);
  const plot = h("div", { class: "plot", role: "img", "aria-label": `${title} by step, mean and 95 % CI over seeds per loss` });
  const summary = h(
    "p",
    { class: "chart-summary" },
    series.length === 0
      ? "No evaluations yet."
      : `Last evaluation: ${lastPoints(curves)
          .map((p) => `${p.label} ${fmtNum(p.mean)} [${fmtNum(p.lo)}, ${fmtNum(p.hi)}] at step ${fmtCount(p.step)} (${p.n} seeds)`)
          .join("; ")}.`,
  );
  const legend = h(
    "ul",
    { class: "legend" },
    series.map((s) => h("li", { dataset: { loss: s.label } }, h("span", { class: "swatch", dataset: { colour: s.colour } }), s.label)),
  );
  for (const sw of legend.querySelectorAll(".swatch")) sw.style.background = sw.dataset.colour; // CSSOM: allowed by the CSP
  const el = h(
    "figure",
    { class: "curve band-chart", dataset: { points: String(steps.length), series: String(series.length) } },
    h("figcaption", null, h("h3", null, title)),
    legend,
    plot,
    summary,
  );
  let u = null;
  if (series.length > 0) {
    const axis = { stroke: css("--muted"), grid: { stroke: css("--line"), width: 1 }, ticks: { stroke: css("--line") } };
    const opts = {
      width: Math.max(320, plot.clientWidth || 720),
      height: HEIGHT,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [
        { ...axis, values: (_, ticks) => ticks.map(fmtCount) },
        { ...axis, size: 60, values: (_, ticks) => ticks.map(fmtNum) },
      ],
      series: [{ label: "step" }],
      bands: [],
      cursor: { drag: { x: true, y: false } },
    };
    const data = [steps];
    for (const s of series) {
      const at = data.length;
      opts.series.push(
        { label: s.label, stroke: s.colour, width: 2, spanGaps: true },
        { label: `${s.label} lo`, stroke: `${s.colour}55`, width: 1, spanGaps: true },
        { label: `${s.label} hi`, stroke: `${s.colour}55`, width: 1, spanGaps: true },
      );
      opts.bands.push({ series: [at + 2, at + 1], fill: `${s.colour}26` });
      data.push(s.mean, s.lo, s.hi);
    }
    // Drawn once the figure is in the page, so the canvas gets the plot's real width.
    requestAnimationFrame(() => {
      u = new uPlot({ ...opts, width: Math.max(320, plot.clientWidth || 720) }, data, plot);
    });
  }
  const ro = new ResizeObserver(() => u?.setSize({ width: Math.max(320, plot.clientWidth), height: HEIGHT }));
  ro.observe(plot);
  return {
    el,
    destroy() {
      ro.disconnect();
      u?.destroy();
    },
  };
}
