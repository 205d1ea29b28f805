import { describe, expect, it } from "vitest";
import { createPanelDotKernel, packPanels, panelFloats } from "./simd-dot-kernel.ts";
import { dotAt } from "./dense-kernels.ts";
import { gaussianMatrix } from "./testing.ts";

describe("WebAssembly SIMD panel dot kernel", () => {
  it("is available on this Node (else PRDC silently runs ~5× slower on the JS kernel)", () => {
    expect(createPanelDotKernel(3, 16)).not.toBeNull();
  });

  it("packs rows as zero-padded, column-interleaved 4-row panels", () => {
    // 5 rows × 2 columns → 2 panels of 4 rows; rows 5..7 are padding.
    const src = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const heap = new Float64Array(2 + panelFloats(5, 2)).fill(-1);
    packPanels(src, 5, 2, heap, 2);
    expect(panelFloats(5, 2)).toBe(16);
    expect(Array.from(heap.subarray(2, 10))).toEqual([1, 3, 5, 7, 2, 4, 6, 8]); // [c0 of rows 0..3, c1 of rows 0..3]
    expect(Array.from(heap.subarray(10, 18))).toEqual([9, -1, -1, -1, 10, -1, -1, -1]); // padding untouched
  });

  it("matches dotAt bit for bit over several b panels, for d = 1, odd d and d = 1000", () => {
    for (const [rowsA, rowsB, d] of [
      [4, 12, 1],
      [8, 9, 7],
      [4, 8, 1000],
    ] as const) {
      const a = gaussianMatrix(rowsA, d, 10 + d).data as Float64Array;
      const b = gaussianMatrix(rowsB, d, 20 + d).data as Float64Array;
      const aAt = 0;
      const bAt = panelFloats(rowsA, d);
      const out = bAt + panelFloats(rowsB, d);
      const q = Math.ceil(rowsB / 4);
      const kernel = createPanelDotKernel(d, out + 16 * q)!;
      packPanels(a, rowsA, d, kernel.heap, aAt);
      packPanels(b, rowsB, d, kernel.heap, bAt);
      for (let p = 0; p < rowsA / 4; p++) {
        kernel.dot(aAt + 4 * p * d, bAt, q, out);
        for (let r = 0; r < 4; r++) {
          for (let j = 0; j < 4 * q; j++) {
            const want = j < rowsB ? dotAt(a, (4 * p + r) * d, b, j * d, d) : 0; // padding rows are zeros
            expect(kernel.heap[out + 16 * (j >> 2) + 4 * r + (j & 3)]).toBe(want);
          }
        }
      }
    }
  });

  it("returns null rather than throwing when the heap cannot be allocated or d is invalid", () => {
    expect(createPanelDotKernel(4, 2 ** 40)).toBeNull();
    expect(createPanelDotKernel(0, 16)).toBeNull();
  });
});
