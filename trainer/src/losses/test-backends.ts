/**
 * TEST-ONLY backend setup for the loss and regulariser suites: every suite runs on each of TEST_BACKENDS through
 * the shared backend layer (`initBackend`), which also installs every kernel gradient — including the zero
 * gradients of comparison kernels that double backprop through relu/leakyRelu needs.
 */
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../backend/index.ts";

/** Backends every suite runs on. */
export const TEST_BACKENDS = ["cpu", "wasm"] as const;
export type TestBackend = (typeof TEST_BACKENDS)[number];

/** Switches to `name` and waits until it is ready (wasm compiles its module on first use). */
export async function useBackend(name: TestBackend): Promise<void> {
  await initBackend(name);
}

/** Runs `fn` and fails if it left tensors (or variables) behind. */
export function expectNoLeak<T>(fn: () => T): T {
  const before = tf.memory().numTensors;
  const out = fn();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`tensor leak: ${after - before} tensors left (before ${before}, after ${after})`);
  return out;
}
