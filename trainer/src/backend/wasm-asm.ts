/**
 * A minimal WebAssembly module writer for Gantry's hand-assembled SIMD kernels (wasm-adam-simd.ts,
 * wasm-eltwise-simd.ts). The modules import tfjs-backend-wasm's own memory, so they read and write tensors in place.
 * Written by hand rather than compiled: the repo has no wasm toolchain, and these are a few dozen instructions each.
 */

/** Unsigned LEB128. */
export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const str = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

// Core opcodes used by the kernels.
export const get = (i: number): number[] => [0x20, i];
export const set = (i: number): number[] => [0x21, i];
export const tee = (i: number): number[] => [0x22, i];
export const i32 = (n: number): number[] => [0x41, ...sleb(n)];
export const I32_ADD = [0x6a];
export const I32_SHL = [0x74];
export const I32_EQZ = [0x45];
export const I32_LT_U = [0x49];
/** `block` / `loop` with no result, `br_if` to a label depth, `end`. */
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const brIf = (depth: number): number[] => [0x0d, depth];
export const END = [0x0b];

/** Signed LEB128 (i32.const immediates). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** An op behind the 0xFD SIMD prefix. */
export const simd = (op: number): number[] => [0xfd, ...uleb(op)];
// Loads and stores hint 4-byte alignment (what a float32 buffer guarantees; hints never trap).
export const V128_LOAD = [...simd(0x00), 2, 0];
export const V128_STORE = [...simd(0x0b), 2, 0];
export const F32X4_SPLAT = simd(0x13);
export const V128_BITSELECT = simd(0x52);
export const F32X4_LT = simd(0x43);
export const F32X4_SQRT = simd(0xe3);
export const F32X4_ADD = simd(0xe4);
export const F32X4_SUB = simd(0xe5);
export const F32X4_MUL = simd(0xe6);
export const F32X4_DIV = simd(0xe7);

/** One exported function: parameter types, extra locals (as [count, type] runs) and the body's instructions. */
export interface AsmFunction {
  name: string;
  params: number[];
  locals: Array<[count: number, type: number]>;
  code: number[];
}

/**
 * A module importing memory "e"."m" and exporting `fns` (no results). A shared memory (tfjs' threaded build) must be
 * declared shared with a maximum (4 GiB); the kernels run on the calling thread between kernels, while the pool is idle.
 */
export function moduleBytes(fns: AsmFunction[], shared: boolean): Uint8Array<ArrayBuffer> {
  const types = fns.flatMap((f) => [0x60, ...uleb(f.params.length), ...f.params, 0]);
  const limits = shared ? [0x03, 1, ...uleb(65536)] : [0x00, 1];
  const bodies = fns.map((f) => {
    const body = [...uleb(f.locals.length), ...f.locals.flatMap(([n, t]) => [...uleb(n), t]), ...f.code, ...END];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [...uleb(fns.length), ...types]),
    ...section(2, [1, ...str("e"), ...str("m"), 0x02, ...limits]),
    ...section(3, [...uleb(fns.length), ...fns.map((_, i) => i)]),
    ...section(7, [...uleb(fns.length), ...fns.flatMap((f, i) => [...str(f.name), 0x00, i])]),
    ...section(10, [...uleb(fns.length), ...bodies.flat()]),
  ]);
}

/** Instantiates `fns` on `memory`; null when the runtime cannot (no wasm SIMD), so callers keep the stock kernels. */
export function instantiateOn(memory: WebAssembly.Memory, fns: AsmFunction[]): WebAssembly.Exports | null {
  const shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(fns, shared)), { e: { m: memory } }).exports;
  } catch {
    return null;
  }
}

/** The WebAssembly.Memory of a tfjs-backend-wasm instance's module, if it exposes one. */
export function wasmMemoryOf(backendWasm: unknown): WebAssembly.Memory | null {
  const mod = backendWasm as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const memory = mod.asm?.memory ?? mod.wasmMemory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}
