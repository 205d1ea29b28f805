/**
 * A 4×4 dot-product micro-kernel in WebAssembly SIMD, assembled here byte by byte (no toolchain, no dependency).
 * V8 never vectorises JS, and the JS 4×4 kernel in dense-kernels.ts tops out near 1 GMAC/s on one core whatever the
 * cache blocking, because it is bound by scalar instructions and bounds checks, not memory. The same 4×4 block
 * with f64x2 lanes runs ~5× faster. Lanes hold different *pairs of rows*, never different columns, so every dot
 * is still one running sum over columns 0..d−1 in order, with a separately rounded multiply and add — bit for
 * bit what `dotAt` computes.
 *
 * Layout: rows are packed in "panels" of 4, column-interleaved: panel element [c·4 + t] is column c of row t.
 */

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32Ne: 0x47,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  simd: 0xfd,
} as const;
const simdOp = { load: 0x00, load64Splat: 0x0a, store: 0x0b, const: 0x0c, f64x2Add: 0xf0, f64x2Mul: 0xf2 } as const;

/** Unsigned LEB128 (sizes, indices, alignments, offsets) and signed LEB128 (i32.const). */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n ? b | 0x80 : b);
  } while (n);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const simd = (o: number, ...memarg: number[]) => [op.simd, ...uleb(o), ...memarg];

/**
 * dot(a, b, q, panelBytes, out): for p < q, writes the 16 dots of the panel at byte address a with the p-th
 * panel after b as f64 out[16p + 4r + t] = (row r of a)·(row t of b_p). Needs panelBytes = 32·d > 0.
 */
function kernelBytes(): Uint8Array<ArrayBuffer> {
  const [A, B, Q, PANEL, OUT, AP, AEND, ACC, X, B01, B23] = [0, 1, 2, 3, 4, 5, 6, 7, 15, 16, 17];
  const code: number[] = [op.loop, 0x40]; // per b panel
  for (let s = 0; s < 8; s++) code.push(...simd(simdOp.const, ...new Array<number>(16).fill(0)), ...set(ACC + s));
  code.push(...get(A), ...set(AP), ...get(A), ...get(PANEL), op.i32Add, ...set(AEND));
  code.push(op.loop, 0x40); // per column c: b01 = (b0[c], b1[c]), b23 = (b2[c], b3[c]); acc[r][h] += a_r[c]·b_h
  code.push(...get(B), ...simd(simdOp.load, 4, 0), ...set(B01), ...get(B), ...simd(simdOp.load, 4, 16), ...set(B23));
  for (let r = 0; r < 4; r++) {
    code.push(...get(AP), ...simd(simdOp.load64Splat, 3, 8 * r), ...set(X));
    for (let h = 0; h < 2; h++) {
      const acc = ACC + 2 * r + h;
      code.push(...get(acc), ...get(X), ...get(h ? B23 : B01), ...simd(simdOp.f64x2Mul), ...simd(simdOp.f64x2Add));
      code.push(...set(acc));
    }
  }
  code.push(...get(AP), op.i32Const, ...sleb(32), op.i32Add, op.localTee, AP);
  code.push(...get(B), op.i32Const, ...sleb(32), op.i32Add, ...set(B)); // ends at the next b panel
  code.push(...get(AEND), op.i32Ne, op.brIf, 0, op.end);
  for (let s = 0; s < 8; s++) code.push(...get(OUT), ...get(ACC + s), ...simd(simdOp.store, 4, 16 * s));
  code.push(...get(OUT), op.i32Const, ...sleb(128), op.i32Add, ...set(OUT));
  code.push(...get(Q), op.i32Const, ...sleb(1), op.i32Sub, op.localTee, Q, op.brIf, 0, op.end, op.end);
  const body = [
    ...vec([
      [2, I32],
      [11, V128],
    ]),
    ...code,
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(2, vec([[...name("env"), ...name("mem"), 0x02, 0x00, 0]])), // imported memory, min 0 pages
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name("dot"), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernel, or null where WebAssembly or its SIMD proposal is unavailable (e.g. node --jitless). */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = kernelBytes();
    compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

export interface PanelDotKernel {
  /** The kernel's memory as float64 (zero-filled at creation); all positions below are indices into it. */
  heap: Float64Array;
  /** heap[out + 16p + 4r + t] = (row r of the panel at a)·(row t of the p-th panel from b), for p < q. */
  dot(a: number, b: number, q: number, out: number): void;
}

/**
 * A kernel for rows of `d` columns over a fresh zeroed heap of at least `floats` float64s, or null when
 * WebAssembly SIMD is unavailable or the heap cannot be allocated (callers fall back to the JS kernels).
 */
export function createPanelDotKernel(d: number, floats: number): PanelDotKernel | null {
  const module = kernelModule();
  if (!module || !(d >= 1) || 32 * d > 0x7fffffff) return null;
  let mem: WebAssembly.Memory;
  try {
    mem = new WebAssembly.Memory({ initial: Math.ceil((floats * 8) / 65536) });
  } catch {
    return null; // over the 4 GiB wasm32 limit or out of memory
  }
  const dot = new WebAssembly.Instance(module, { env: { mem } }).exports.dot as (...args: number[]) => void;
  const panelBytes = 32 * d;
  return {
    heap: new Float64Array(mem.buffer),
    dot: (a, b, q, out) => dot(a * 8, b * 8, q, panelBytes, out * 8),
  };
}

/** Floats needed to pack `rows` rows of `d` columns as panels (the last one zero-padded to 4 rows). */
export function panelFloats(rows: number, d: number): number {
  return Math.ceil(rows / 4) * 4 * d;
}

/** Packs the `rows` rows of row-major `src` as 4-row column-interleaved panels into heap[at..]. */
export function packPanels(src: Float64Array, rows: number, d: number, heap: Float64Array, at: number): void {
  for (let i = 0; i < rows; i++) {
    const o = at + (i >> 2) * 4 * d + (i & 3);
    const s = i * d;
    for (let c = 0; c < d; c++) heap[o + 4 * c] = src[s + c]!;
  }
}
