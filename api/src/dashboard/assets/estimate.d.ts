// Types for estimate.js (plain browser JavaScript), so the Node unit tests type-check.
export interface CostTables {
  losses: Record<string, { nCritic: number; penalty: boolean }>;
  archs: Record<string, { zDim: number; gHidden: number[]; dHidden: number[] }>;
  batchSize: number;
  steps: number;
}
export interface CostInputs {
  arch: string;
  zDim: number;
  gHidden: number[];
  dHidden: number[];
  sampleShape: number[];
  nCritic: number;
  penalty: boolean;
  batchSize: number;
  steps: number;
}
export const CALIBRATION: Record<string, number>;
export const OVERHEAD_SECONDS: number;
export function mlpWeights(widths: number[]): number;
export function networkCost(arch: string, m: { zDim: number; gHidden: number[]; dHidden: number[] }, sampleShape: number[]): number;
export function costInputs(
  config: Record<string, any>,
  dataset: { kind: string; sampleShape: number[] } | null | undefined,
  tables: CostTables,
): CostInputs | null;
export function stepCost(inputs: CostInputs): number;
export function estimateSeconds(
  config: Record<string, any>,
  inputsFor: (c: Record<string, any>) => CostInputs | null,
  runs?: { config: Record<string, any>; progress?: { stepsPerSecond?: number | null } }[],
): { seconds: number; from: "runs" | "calibration"; runs: number; arch: string } | null;
