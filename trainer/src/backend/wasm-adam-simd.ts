/**
 * A hand-assembled WebAssembly SIMD function for the fused Adam update, run directly on the tfjs
 * wasm module's memory (imported), so no data is copied. A plain JS loop was tried first and was
 * ~4× slower than the 13 stock XNNPACK passes it replaced: float64 division and square root per
 * element dominate, while f32x4.div/sqrt do four at once. The f32x4 operations are IEEE float32
 * operations, exactly what the stock wasm kernels compute, so results stay bit-identical.
 *
 * The function: adam(w, m, v, g, wOut, mOut, vOut, n4: i32, b1, c1, b2, c2, omb1, omb2, eps, negLr: f32)
 * updates 4·n4 elements at byte offsets w…vOut (see wasm-adam.ts for the formula).
 */

/** Signature of the exported function. */
export type AdamSimd = (
  w: number,
  m: number,
  v: number,
  g: number,
  wOut: number,
  mOut: number,
  vOut: number,
  n4: number,
  b1: number,
  c1: number,
  b2: number,
  c2: number,
  omb1: number,
  omb2: number,
  eps: number,
  negLr: number,
) => void;

const uleb = (n: number): number[] => {
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

// Opcodes (core and the 0xFD SIMD prefix).
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const simd = (op: number) => [0xfd, ...uleb(op)];
const LOAD = simd(0x00).concat([4, 0]); // v128.load align=16 offset=0
const STORE = simd(0x0b).concat([4, 0]);
const SPLAT = simd(0x13);
const [SQRT, ADD, MUL, DIV] = [0xe3, 0xe4, 0xe6, 0xe7].map(simd) as [number[], number[], number[], number[]];
const I32_ADD = [0x6a];

// Locals: params 0–6 pointers, 7 n4, 8–15 f32 constants; 16 o, 17 end (i32); 18–25 splats, 26 g, 27 m1, 28 v1.
const O = 16,
  END = 17,
  K = 18,
  G = 26,
  M1 = 27,
  V1 = 28;
const at = (ptr: number) => [...get(ptr), ...get(O), ...I32_ADD];
const load = (ptr: number) => [...at(ptr), ...LOAD];

function body(): number[] {
  const code: number[] = [];
  for (let j = 0; j < 8; j++) code.push(...get(8 + j), ...SPLAT, ...set(K + j));
  code.push(...get(7), 0x41, 4, 0x74, ...set(END)); // end = n4 << 4 (bytes)
  code.push(0x02, 0x40, ...get(7), 0x45, 0x0d, 0); // block; if n4 == 0 leave
  code.push(0x03, 0x40); // loop
  code.push(...load(3), ...set(G));
  // m1 = m·b1 + g·c1; v1 = v·b2 + (g·g)·c2
  code.push(...load(1), ...get(K), ...MUL, ...get(G), ...get(K + 1), ...MUL, ...ADD, ...set(M1));
  code.push(...load(2), ...get(K + 2), ...MUL, ...get(G), ...get(G), ...MUL, ...get(K + 3), ...MUL, ...ADD, ...set(V1));
  code.push(...at(5), ...get(M1), ...STORE);
  code.push(...at(6), ...get(V1), ...STORE);
  // wOut = ((m1/omb1) / (sqrt(v1/omb2) + eps))·negLr + w
  code.push(...at(4));
  code.push(...get(M1), ...get(K + 4), ...DIV);
  code.push(...get(V1), ...get(K + 5), ...DIV, ...SQRT, ...get(K + 6), ...ADD, ...DIV, ...get(K + 7), ...MUL);
  code.push(...load(0), ...ADD, ...STORE);
  // o += 16; loop while o < end
  code.push(...get(O), 0x41, 16, ...I32_ADD, 0x22, O, ...get(END), 0x49, 0x0d, 0);
  code.push(0x0b, 0x0b, 0x0b); // end loop, end block, end function
  return [...uleb(2), 2, 0x7f, 11, 0x7b, ...code];
}

function moduleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const type = [1, 0x60, 16, ...Array(8).fill(0x7f), ...Array(8).fill(0x7d), 0];
  // Memory import: min 1 page, no max; a shared memory (threaded build) must be declared shared with a max (4 GiB).
  const limits = shared ? [0x03, 1, ...uleb(65536)] : [0x00, 1];
  const imports = [1, ...str("e"), ...str("m"), 0x02, ...limits];
  const fn = body();
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, type),
    ...section(2, imports),
    ...section(3, [1, 0]),
    ...section(7, [1, ...str("adam"), 0x00, 0]),
    ...section(10, [1, ...uleb(fn.length), ...fn]),
  ]);
}

const cache = new WeakMap<WebAssembly.Memory, AdamSimd>();

/**
 * The SIMD Adam function bound to `memory` (plain, or shared in the threaded build: it runs on
 * the calling thread between kernels, while the pool is idle), or null when the runtime cannot
 * instantiate it (no wasm SIMD): the caller then uses the stock optimizer.
 */
export function adamSimdFor(memory: WebAssembly.Memory): AdamSimd | null {
  const hit = cache.get(memory);
  if (hit) return hit;
  const shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(shared)), { e: { m: memory } });
    const fn = instance.exports["adam"] as AdamSimd;
    cache.set(memory, fn);
    return fn;
  } catch {
    return null;
  }
}
