// Types for field.js (plain browser JavaScript), so the Node unit tests type-check.
export function quantile(values: number[], q: number): number;
export function fieldBounds(values: number[]): [number, number];
export function fieldColour(v: number, bounds: [number, number]): number[];
export function fieldPixels(values: number[], bounds: [number, number]): Uint8ClampedArray;
