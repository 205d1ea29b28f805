import { describe, expect, it } from "vitest";
import { lineChart } from "./line-chart.ts";
import { niceTicks, tickLabel } from "./scale.ts";
import { scatterPlot } from "./scatter.ts";
import { el, fmt } from "./xml.ts";

const NUMERIC = new Set(["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]);

/**
 * A small XML well-formedness check: every tag closes in order, attributes are quoted, numeric attributes and
 * every number in path data / point lists are finite. Returns the element counts by tag.
 */
function checkSvg(svg: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    expect(between, `stray markup before <${m[2]}>`).not.toMatch(/[<>]/);
    last = m.index + m[0].length;
    const [, close, name, attrs, self] = m;
    if (close) {
      expect(stack.pop(), `</${name}> closes the wrong element`).toBe(name);
      continue;
    }
    counts[name!] = (counts[name!] ?? 0) + 1;
    for (const a of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, key, value] = a;
      if (NUMERIC.has(key!)) expect(Number.isFinite(Number(value)), `${name} ${key}="${value}"`).toBe(true);
      if (key === "d" || key === "points") {
        for (const n of value!.match(/-?[\d.]+(?:e-?\d+)?|NaN|Infinity/g) ?? []) {
          expect(Number.isFinite(Number(n)), `${key}: ${n}`).toBe(true);
        }
      }
    }
    if (!self) stack.push(name!);
  }
  expect(svg.slice(last)).not.toMatch(/[<>]/);
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  return counts;
}

describe("niceTicks / tickLabel", () => {
  it("covers the range with 1-2-5 steps", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 97, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-0.013, 0.021, 4)).toEqual([-0.02, -0.01, 0, 0.01, 0.02, 0.03]);
    // A flat range is padded by 10 % either side (4.5 … 5.5), then covered at 0.2 spacing.
    expect(niceTicks(5, 5)).toEqual([4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]);
    // One ulp apart is flat too (a robust loss's budget curve): padded like 0.14 alone, not 5e-18 steps that round
    // to a single tick and a scale that divides by zero.
    expect(niceTicks(0.13999999999999999, 0.14)).toEqual(niceTicks(0.14, 0.14));
    // 0.14 ± 10 % = [0.126, 0.154]; 0.028 / 5 = 0.0056 rounds up to a 0.01 step.
    expect(niceTicks(0.14, 0.14)).toEqual([0.12, 0.13, 0.14, 0.15, 0.16]);
    expect(() => niceTicks(0, Number.NaN)).toThrow(/non-finite/);
    expect([tickLabel(0.30000000000000004), tickLabel(2000), tickLabel(1.5e6), tickLabel(0)]).toEqual(["0.3", "2000", "1.5e6", "0"]);
  });

  it("formats coordinates compactly and refuses non-finite ones", () => {
    expect([fmt(1.005, 1), fmt(2.5), fmt(-0.001), fmt(3)]).toEqual(["1", "2.5", "0", "3"]);
    expect(() => fmt(Number.NaN)).toThrow(/non-finite/);
    expect(el("text", { x: 1, label: 'a<b & "c"' }, "t")).toBe('<text x="1" label="a&lt;b &amp; &quot;c&quot;">t</text>');
  });
});

describe("lineChart", () => {
  it("draws axes, a legend entry, a line and a band per series, breaking lines at NaN", () => {
    const pts = [0, 10, 20, 30, 40].map((x) => ({ x, y: x === 20 ? Number.NaN : x / 10 }));
    const svg = lineChart({
      title: "swd <vs> step & more",
      xLabel: "step",
      yLabel: "swd",
      series: [
        { label: "ns", points: pts, band: pts.map((p) => ({ x: p.x, lo: p.y - 1, hi: p.y + 1 })) },
        {
          label: "hinge",
          points: [
            { x: 0, y: 5 },
            { x: 40, y: -2 },
          ],
          dashed: true,
        },
      ],
    });
    const c = checkSvg(svg);
    expect(c.svg).toBe(1);
    expect(c.polyline).toBe(3); // ns split in two by the NaN + hinge
    expect(c.polygon).toBe(2); // ns band, also split
    expect(svg).toContain("swd &lt;vs&gt; step &amp; more");
    expect(svg).toMatch(/>ns<\/text>/);
    expect(svg).toMatch(/>hinge<\/text>/);
    expect(svg).toContain('stroke-dasharray="5 3"');
    // y ticks span the data (−2 … 5 with bands to 5): nice ticks from −2 to 6 at 2 spacing.
    for (const t of ["-2", "0", "2", "4", "6"]) expect(svg).toContain(`>${t}</text>`);
  });

  it("draws empty axes saying so when there is no finite point", () => {
    const svg = lineChart({ title: "t", xLabel: "x", yLabel: "y", series: [{ label: "a", points: [{ x: 1, y: Number.NaN }] }] });
    checkSvg(svg);
    expect(svg).toContain(">no data</text>");
  });
});

describe("scatterPlot", () => {
  it("plots finite in-range points, counts the rest and marks the modes", () => {
    const real = new Float32Array([0, 0, 1, 1, -1, 0.5]);
    const fake = new Float32Array([0.5, 0.5, 7, Number.NaN, 0, 7, 50, 50, 7]); // stride 3: (0.5,.5) (NaN,0) (50,50)
    const svg = scatterPlot({
      title: "ring8",
      range: [-2, 2],
      markers: [1, 0, 0, 1],
      layers: [
        { label: "real", points: real },
        { label: "generated", points: fake, stride: 3 },
      ],
    });
    const c = checkSvg(svg);
    expect(c.circle).toBe(3 + 1 + 2); // 3 real dots, 1 generated dot, 2 legend dots
    expect(svg).toContain("generated (2 outside)");
    expect(svg).toMatch(/<path d="M[^"]+h8M[^"]+v8M[^"]+h8M[^"]+v8"/);
  });
});

describe("styles stay inside each chart", () => {
  // Inlined into report.html, a <style> element in an SVG is a page-wide stylesheet: `.grid{stroke:#e5e5e5}` once
  // outlined every chart's text through the page's <div class="grid"> (stroke is inherited).
  it("writes presentation attributes, no stylesheet, and shields text from an inherited stroke", () => {
    const charts = [
      lineChart({
        title: "t",
        xLabel: "x",
        yLabel: "y",
        series: [
          {
            label: "a",
            points: [
              { x: 0, y: 1 },
              { x: 1, y: 2 },
            ],
          },
        ],
      }),
      scatterPlot({ title: "s", layers: [{ label: "real", points: [0, 0, 1, 1] }] }),
    ];
    for (const svg of charts) {
      expect(svg).not.toContain("<style");
      expect(svg).not.toMatch(/\sclass="/);
      // Every <text> sits inside the one group that fixes its fill and removes any stroke.
      const group = /<g font-family="sans-serif" font-size="\d+" fill="#333" stroke="none">/.exec(svg);
      expect(group).not.toBeNull();
      expect(svg.indexOf("<text")).toBeGreaterThan(group!.index);
      expect(svg.lastIndexOf("</text>")).toBeLessThan(svg.lastIndexOf("</g>"));
    }
  });
});
