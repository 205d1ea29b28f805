// Types for series.js (plain browser JavaScript), so the Node unit tests type-check.
export interface Store {
  steps: number[];
  cols: Record<string, (number | null)[]>;
  evalSteps: number[];
  evals: Record<string, (number | null)[]>;
}
export const STEP_CHARTS: { id: string; title: string; keys: string[]; labels: string[]; log?: boolean }[];
export const METRIC_LABELS: Record<string, string>;
export function createStore(): Store;
export function addLine(store: Store, line: unknown): "step" | "eval" | null;
export function smooth(values: (number | null)[], weight: number): (number | null)[];
export function allPositive(columns: (number | null)[][]): boolean;
export function alignSteps(sides: { steps: number[]; values: (number | null)[] }[]): { steps: number[]; columns: (number | null)[][] };
