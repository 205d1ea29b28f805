/**
 * Loads the optional native kernels (trainer/native, oneDNN), built by `npm ci` when the machine
 * has a compiler and libdnnl-dev. Loading never throws: a missing or broken build yields the
 * reason, which the backend layer logs once before falling back to wasm.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The addon's functions (trainer/native/src/addon.cc). Offsets are bytes into `heap`'s buffer. */
export interface NativeAddon {
  gemm(
    heap: Uint8Array,
    aOff: number,
    bOff: number,
    cOff: number,
    batchA: number,
    batchB: number,
    m: number,
    n: number,
    k: number,
    transA: boolean,
    transB: boolean,
    biasOff: number,
    biasLen: number,
    act: number,
    alpha: number,
  ): void;
  /** mode 0 forward, 1 input gradient, 2 filter gradient; geometry as in ConvGeometry (kernels.h). */
  conv(heap: Uint8Array, mode: number, geometry: number[], in0: number, in1: number, out: number): boolean;
  unary(heap: Uint8Array, op: number, x: number, y: number, n: number, alpha: number): void;
  binary(heap: Uint8Array, op: number, a: number, aMode: number, b: number, bMode: number, y: number, outer: number, inner: number): void;
  reduceSum(heap: Uint8Array, x: number, y: number, outer: number, mid: number, inner: number, scale: number): void;
  /** Training (writes mean / variance) or inference (reads them) batch norm of x as [rows, c]; false: no primitive. */
  batchNormForward(
    heap: Uint8Array,
    training: boolean,
    x: number,
    gamma: number,
    beta: number,
    mean: number,
    variance: number,
    y: number,
    rows: number,
    c: number,
    eps: number,
  ): boolean;
  batchNormBackward(
    heap: Uint8Array,
    dy: number,
    x: number,
    mean: number,
    variance: number,
    gamma: number,
    dx: number,
    dgamma: number,
    dbeta: number,
    rows: number,
    c: number,
    eps: number,
  ): boolean;
  setThreads(n: number): void;
  threads(): number;
  version(): string;
}

export type NativeLoad = { addon: NativeAddon; reason?: undefined } | { addon?: undefined; reason: string };

const ADDON_PATH = fileURLToPath(new URL("../../native/build/Release/gantry_native.node", import.meta.url));
let loaded: NativeLoad | undefined;

/** The addon, or why it is unavailable (cached per process). */
export function loadNativeAddon(): NativeLoad {
  loaded ??= load();
  return loaded;
}

/** Test hook: forget the cached load, so the next call re-reads GANTRY_NATIVE. */
export function resetNativeAddon(): void {
  loaded = undefined;
}

function load(): NativeLoad {
  if (process.env["GANTRY_NATIVE"] === "0") return { reason: "disabled by GANTRY_NATIVE=0" };
  if (!existsSync(ADDON_PATH)) {
    return { reason: "not built (npm ci builds it when g++ and libdnnl-dev are installed; see trainer/native/build.log)" };
  }
  // libgomp reads its spin policy once, when the addon loads it: idle pool threads sleep after a
  // short spin instead of burning a core while single-threaded wasm kernels run between GEMMs.
  process.env["GOMP_SPINCOUNT"] ??= "10000";
  try {
    return { addon: createRequire(import.meta.url)(ADDON_PATH) as NativeAddon };
  } catch (err) {
    return { reason: `failed to load (${(err as Error).message.split("\n")[0]})` };
  }
}
