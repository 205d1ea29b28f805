/** Self-written SVG charts for study reports: no external assets, safe to inline in HTML. */
export { lineChart, type LineChartOptions, type LineSeries } from "./line-chart.ts";
export { scatterPlot, type ScatterLayer, type ScatterOptions } from "./scatter.ts";
export { linearScale, niceTicks, tickLabel, type Scale } from "./scale.ts";
export { colour, el, escapeXml, fmt, PALETTE, svgOpen, text } from "./xml.ts";
