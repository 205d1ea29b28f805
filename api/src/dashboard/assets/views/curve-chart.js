// One live curve chart on uPlot (canvas): hover values in its legend, smoothing and a log scale where the values
// allow one. The caller hands it the whole columns on every update; uPlot redraws them in well under a millisecond.
import uPlot from "../vendor/uplot.js";
import { h } from "../dom.js";
import { fmtCount, fmtNum } from "../format.js";
import { allPositive, smooth } from "../series.js";

const COLOURS = ["--d", "--g"];
const HEIGHT = 220;

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#555";

let uid = 0;

/**
 * A chart of `labels.length` series over a shared step axis. Options: `log` (start on a log scale), `smoothing`
 * (offer the smoothing slider; default true). Returns { el, update(xs, columns), destroy() }; `el.dataset.points`
 * holds the number of steps drawn.
 */
export function curveChart({ title, labels, log = false, smoothing = true }) {
  const id = `c${++uid}`;
  const plot = h("div", { class: "plot", role: "img", "aria-label": `${title} by step` });
  const summary = h("p", { class: "chart-summary", id: `${id}-sum` }, "No values yet.");
  const weight = h("input", { id: `${id}-smooth`, type: "range", min: 0, max: 0.98, step: 0.02, value: "0.6" });
  const logBox = h("input", { id: `${id}-log`, type: "checkbox", checked: log });
  const controls = h(
    "div",
    { class: "row chart-controls" },
    smoothing && h("div", { class: "field inline" }, h("label", { for: `${id}-smooth` }, "Smoothing"), weight),
    h("div", { class: "field inline" }, logBox, h("label", { for: `${id}-log` }, "Log scale")),
  );
  const el = h(
    "figure",
    { class: "curve", dataset: { points: "0" }, "aria-describedby": `${id}-sum` },
    h("figcaption", null, h("h3", null, title)),
    controls,
    plot,
    summary,
  );

  let u = null;
  let xs = [];
  let cols = [];
  let useLog = log;

  const data = () => {
    const w = smoothing ? Number(weight.value) : 0;
    // With smoothing on, the raw values stay as faint lines behind the smoothed ones.
    return w > 0 ? [xs, ...cols.map((c) => smooth(c, w)), ...cols] : [xs, ...cols];
  };
  const build = () => {
    u?.destroy();
    const w = smoothing ? Number(weight.value) : 0;
    const colours = labels.map((_, i) => css(COLOURS[i % COLOURS.length]));
    const series = [
      { label: "step", value: (_, v) => (v === null ? "—" : fmtCount(v)) },
      ...labels.map((label, i) => ({ label: w > 0 ? `${label} (smoothed)` : label, stroke: colours[i], width: 2, value: (_, v) => fmtNum(v) })),
    ];
    if (w > 0) series.push(...labels.map((label, i) => ({ label, stroke: `${colours[i]}55`, width: 1, value: (_, v) => fmtNum(v) })));
    const axis = { stroke: css("--muted"), grid: { stroke: css("--line"), width: 1 }, ticks: { stroke: css("--line") } };
    u = new uPlot(
      {
        width: Math.max(280, plot.clientWidth || 560),
        height: HEIGHT,
        series,
        scales: { x: { time: false }, y: useLog ? { distr: 3 } : {} },
        axes: [
          { ...axis, values: (_, ticks) => ticks.map(fmtCount) },
          { ...axis, size: 60, values: (_, ticks) => ticks.map(fmtNum) },
        ],
        legend: { live: true },
        cursor: { drag: { x: true, y: false } },
      },
      data(),
      plot,
    );
  };
  const refresh = () => {
    const positive = allPositive(cols);
    logBox.disabled = !positive;
    const wantLog = logBox.checked && positive;
    if (!u || wantLog !== useLog) {
      useLog = wantLog;
      build();
    } else u.setData(data());
    el.dataset.points = String(xs.length);
    const last = xs.length - 1;
    // Each series' own latest value: on a shared axis (compare view) a shorter run has no value at the last step.
    const latest = (col) => col.findLast((v) => v !== null && v !== undefined) ?? null;
    summary.textContent =
      last < 0
        ? "No values yet."
        : `${xs.length} points up to step ${xs[last]}; latest ${labels.map((l, i) => `${l} ${fmtNum(latest(cols[i]))}`).join(", ")}.`;
  };

  weight.addEventListener("input", () => {
    if (u) {
      build();
      refresh();
    }
  });
  logBox.addEventListener("change", () => {
    useLog = !logBox.checked;
    refresh();
  });
  const ro = new ResizeObserver(() => u?.setSize({ width: Math.max(280, plot.clientWidth), height: HEIGHT }));
  ro.observe(plot);

  return {
    el,
    update(newXs, newCols) {
      xs = newXs;
      cols = newCols;
      if (xs.length > 0) refresh();
    },
    destroy() {
      ro.disconnect();
      u?.destroy();
    },
  };
}
