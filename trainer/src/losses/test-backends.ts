/**
 * TEST-ONLY backend setup for the loss and regulariser suites: every suite runs on each of TEST_BACKENDS through
 * the shared backend layer (`initBackend`), which also installs every kernel gradient — including the zero
 * gradients of comparison kernels that double backprop through relu/leakyRelu needs.
 */
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../backend/index.ts";
import { loadNativeAddon } from "../backend/native-addon.ts";

export type TestBackend = "cpu" | "wasm" | "native";

const native = loadNativeAddon();
// CI builds the native kernels and sets GANTRY_REQUIRE_NATIVE=1, so a broken build fails the suite instead of
// quietly leaving "native" out; elsewhere native joins the list only when it was built (npm ci without libdnnl-dev).
if (process.env["GANTRY_REQUIRE_NATIVE"] === "1" && native.addon === undefined) {
  throw new Error(`GANTRY_REQUIRE_NATIVE=1 but the native kernels are ${native.reason}`);
}

/** Backends every suite runs on: cpu, wasm, and native where it was built. */
export const TEST_BACKENDS: readonly TestBackend[] = native.addon ? ["cpu", "wasm", "native"] : ["cpu", "wasm"];

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
