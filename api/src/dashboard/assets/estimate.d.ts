// Types for estimate.js (plain browser JavaScript), so the Node unit tests type-check.
export interface CostDefaults {
  arch: string;
  nCritic: number;
  penalty: boolean;
  zDim: number;
  gHidden: number[];
  dHidden: number[];
  sampleSize: number;
  batchSize: number;
  steps: number;
}
export const CALIBRATION_SECONDS_PER_UNIT: number;
export const OVERHEAD_SECONDS: number;
export function mlpWeights(widths: number[]): number;
export function stepCost(config: Record<string, any>, defaults: CostDefaults | null | undefined): number | null;
export function estimateSeconds(
  config: Record<string, any>,
  defaultsFor: (c: Record<string, any>) => CostDefaults | null | undefined,
  runs?: { config: Record<string, any>; progress?: { stepsPerSecond?: number | null } }[],
): { seconds: number; from: "runs" | "calibration"; runs: number } | null;
