// Types for chart.js (plain browser JavaScript), so the Node unit tests type-check.
export interface Point {
  x: number;
  y: number;
}
export interface ChartLayout {
  x: [number, number];
  y: [number, number];
  paths: { key: string; d: string; last: Point | null }[];
  xTicks: { v: number; pos: number }[];
  yTicks: { v: number; pos: number }[];
}
export function decimate<T>(points: T[], max: number): T[];
export function niceTicks(lo: number, hi: number, count?: number): number[];
export function chartLayout(
  series: { key: string; points: Point[] }[],
  box: { width: number; height: number; pad: { top: number; right: number; bottom: number; left: number }; maxPoints?: number },
): ChartLayout | null;
