import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type IdxDtype, encodeIdx, parseIdx } from "./idx.ts";

describe("IDX reader", () => {
  it("decodes a hand-built big-endian int16 file", () => {
    // magic 00 00, type 0x0B (int16), 1 dim; dim 2; values 0x0102 = 258 and 0xFFFE = −2.
    const bytes = Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]);
    const f = parseIdx(bytes);
    expect(f.dtype).toBe("int16");
    expect(f.dims).toEqual([2]);
    expect(Array.from(f.data)).toEqual([258, -2]);
  });

  it("decodes a hand-built uint8 image file as a view, and float32 big-endian", () => {
    const u8 = Uint8Array.from([0, 0, 0x08, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 9, 8, 7, 255]);
    const f = parseIdx(u8);
    expect(f.dims).toEqual([1, 2, 2]);
    expect(f.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(f.data)).toEqual([9, 8, 7, 255]);
    expect(f.data.buffer).toBe(u8.buffer); // no copy
    // 1.5f = 0x3FC00000 big-endian.
    const f32 = parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]));
    expect(Array.from(f32.data)).toEqual([1.5]);
  });

  it("round-trips every element type through encodeIdx, plain and gzipped", () => {
    const cases: [IdxDtype, number[]][] = [
      ["uint8", [0, 1, 255, 7]],
      ["int8", [-128, 0, 127, -1]],
      ["int16", [-32768, 32767, 5, -5]],
      ["int32", [-(2 ** 31), 2 ** 31 - 1, 0, 42]],
      ["float32", [0.5, -2.25, 1e-3, 3]],
      ["float64", [Math.PI, -1e300, 0, 1 / 3]],
    ];
    for (const [dtype, values] of cases) {
      const enc = encodeIdx(dtype, [2, 2], values);
      for (const bytes of [enc, new Uint8Array(gzipSync(enc))]) {
        const f = parseIdx(bytes);
        expect(f.dtype).toBe(dtype);
        expect(f.dims).toEqual([2, 2]);
        expect(Array.from(f.data)).toEqual(dtype === "float32" ? values.map(Math.fround) : values);
      }
    }
  });

  it("rejects malformed files with a specific message", () => {
    const good = encodeIdx("uint8", [2, 3], [1, 2, 3, 4, 5, 6]);
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1]))).toThrow(/first two bytes must be zero/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow(/element type code 0x0a/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 0]))).toThrow(/zero dimensions/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 0, 0]))).toThrow(/header truncated/);
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(/need 18 bytes, file has 17/);
    const long = new Uint8Array(good.length + 1);
    long.set(good);
    expect(() => parseIdx(long)).toThrow(/need 18 bytes, file has 19/);
    expect(() => parseIdx(Uint8Array.from([0, 0]))).toThrow(/too short/);
  });
});
