/**
 * Interleaved timing. The bench machine is shared (other jobs run beside it), so:
 * - variants are measured round-robin — each round runs every variant once, in rotating
 *   order — so load drift hits all variants alike;
 * - the primary figure is this process's CPU time (user + system, process.cpuUsage): the wasm
 *   and cpu backends run kernels on the calling thread, so CPU time is the work done and is
 *   far less sensitive to other processes than wall time (which is reported too).
 */
import * as tf from "@tensorflow/tfjs-core";

export interface Timing {
  /** CPU ms: minimum and median over rounds. */
  min: number;
  median: number;
  /** Wall-clock ms, median over rounds. */
  wall: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A variant that first switches the patches to `on`, then runs `body` (stock vs patched in one interleaving). */
export function withPatches(set: (on: boolean) => void, on: boolean, body: () => void): () => void {
  return () => {
    set(on);
    body();
  };
}

/** Times each variant `rounds` times, round-robin, after one untimed warm-up call each. */
export function interleaved(variants: Record<string, () => void>, rounds: number): Record<string, Timing> {
  const names = Object.keys(variants);
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const n of names) variants[n]!();
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      variants[name]!();
      const c = process.cpuUsage(c0);
      wall[name]!.push(performance.now() - t0);
      cpu[name]!.push((c.user + c.system) / 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { min: Math.min(...cpu[n]!), median: median(cpu[n]!), wall: median(wall[n]!) }]));
}

/**
 * A variant body that runs `make` in a tidy. The wasm and cpu backends execute kernels
 * synchronously, so no read-back is needed (and none is timed).
 */
export function op(make: () => tf.Tensor | tf.Tensor[]): () => void {
  return () => tf.tidy(() => void make());
}

export const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** Prints a row: label, then "cpu-min / cpu-median (wall-median)" for each timing column. */
export function row(label: string, cells: Array<Timing | string>): string {
  const text = cells.map((c) => (typeof c === "string" ? c : `${fmt(c.min)} / ${fmt(c.median)} (${fmt(c.wall)})`).padStart(25));
  return `${label.padEnd(52)}${text.join("")}`;
}
