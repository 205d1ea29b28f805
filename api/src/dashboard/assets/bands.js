// A study's curves (GET /v1/studies/{id}/curves) → columns for the band chart. Pure (unit-tested in Node).
import { alignSteps } from "./series.js";

/** One colour per loss, in the study's loss order: distinct hues, each ≥ 3:1 against white (lines are not text). */
export const LOSS_COLOURS = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#8a6d00",
  "#56589e",
  "#b2182b",
  "#2b7d7d",
  "#7b3294",
  "#5a6b00",
  "#a6611a",
  "#4d4d4d",
];

/** A group's name in legends: its loss, and its trial in a tuning study. */
export const groupLabel = (g) => (g.trial === null || g.trial === undefined ? g.loss : `${g.loss} · trial ${g.trial}`);

/**
 * The groups that have points, on one shared step axis: { steps, series: [{ label, colour, mean, lo, hi }] }, each
 * column null where that group was not evaluated. Colours follow the groups' order in the response.
 */
export function bandColumns(curves) {
  const groups = curves.groups.map((g, i) => ({ g, colour: LOSS_COLOURS[i % LOSS_COLOURS.length] })).filter((x) => x.g.points.length > 0);
  const column = (key) => alignSteps(groups.map(({ g }) => ({ steps: g.points.map((p) => p.step), values: g.points.map((p) => p[key]) })));
  const mean = column("mean");
  const lo = column("lo");
  const hi = column("hi");
  return {
    steps: mean.steps,
    series: groups.map(({ g, colour }, i) => ({
      label: groupLabel(g),
      colour,
      mean: mean.columns[i],
      lo: lo.columns[i],
      hi: hi.columns[i],
    })),
  };
}

/** The last point of each group with points, for the chart's text summary: { label, step, mean, lo, hi, n }. */
export function lastPoints(curves) {
  return curves.groups.filter((g) => g.points.length > 0).map((g) => ({ label: groupLabel(g), ...g.points[g.points.length - 1] }));
}
