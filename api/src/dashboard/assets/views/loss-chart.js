// The D/G loss chart as inline SVG, built through the DOM (no innerHTML), redrawn from the current points.
import { chartLayout } from "../chart.js";
import { h, replace, s } from "../dom.js";
import { fmtCount, fmtNum } from "../format.js";

const W = 640;
const H = 260;
const PAD = { top: 12, right: 16, bottom: 30, left: 56 };
const SERIES = [
  { key: "dLoss", label: "D loss", cls: "line-d" },
  { key: "gLoss", label: "G loss", cls: "line-g" },
];

/** A chart component: el to place in the page, draw(points) with points = [{ step, dLoss, gLoss }] in step order. */
export function lossChart() {
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": "chart-title chart-desc" });
  const summary = h("p", { id: "chart-desc", class: "chart-summary" }, "No losses logged yet.");
  const legend = h("ul", { class: "legend", "aria-hidden": "true" },
    SERIES.map((se) => h("li", null, h("span", { class: `swatch ${se.cls}` }), se.label)));
  const el = h("figure", { class: "chart-figure" }, svg, h("figcaption", null, legend, summary));

  const draw = (points) => {
    const layout = chartLayout(
      SERIES.map((se) => ({ key: se.key, points: points.map((p) => ({ x: p.step, y: p[se.key] })) })),
      { width: W, height: H, pad: PAD },
    );
    const title = s("title", { id: "chart-title" }, "Discriminator and generator loss by step");
    if (!layout) {
      replace(svg, title, s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "chart-empty" }, "Waiting for the first logged step…"));
      summary.textContent = "No losses logged yet.";
      return;
    }
    const grid = [
      ...layout.yTicks.map((t) => [
        s("line", { x1: PAD.left, x2: W - PAD.right, y1: t.pos, y2: t.pos, class: "grid" }),
        s("text", { x: PAD.left - 6, y: t.pos, dy: "0.32em", "text-anchor": "end", class: "tick" }, fmtNum(t.v)),
      ]),
      ...layout.xTicks.map((t) => s("text", { x: t.pos, y: H - PAD.bottom + 18, "text-anchor": "middle", class: "tick" }, fmtCount(t.v))),
    ];
    const axes = [
      s("line", { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom, class: "axis" }),
      s("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: "axis" }),
    ];
    const lines = layout.paths.map((p, i) => s("path", { d: p.d, class: `line ${SERIES[i].cls}` }));
    replace(svg, title, grid, axes, lines);
    const last = points[points.length - 1];
    summary.textContent = `${points.length} logged steps up to step ${last.step}; latest D loss ${fmtNum(last.dLoss)}, G loss ${fmtNum(last.gLoss)}.`;
  };
  draw([]);
  return { el, draw };
}
