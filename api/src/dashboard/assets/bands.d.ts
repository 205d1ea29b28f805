// Types for bands.js (plain browser JavaScript), so the Node unit tests type-check.
export interface CurveGroup {
  loss: string;
  trial: number | null;
  runIds: string[];
  points: { step: number; mean: number; lo: number; hi: number; n: number }[];
}
export const LOSS_COLOURS: string[];
export function groupLabel(g: CurveGroup): string;
export function bandColumns(curves: { metric: string; groups: CurveGroup[] }): {
  steps: number[];
  series: { label: string; colour: string; mean: (number | null)[]; lo: (number | null)[]; hi: (number | null)[] }[];
};
export function lastPoints(curves: { metric: string; groups: CurveGroup[] }): ({ label: string } & CurveGroup["points"][number])[];
