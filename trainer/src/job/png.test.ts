import { crc32, inflateSync } from "node:zlib";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng } from "./png.ts";

/**
 * A second reader written from the PNG specification (chunks with their CRC-32, IHDR, zlib IDAT, the five row
 * filters), so the encoder is not checked only by the library that wrote it. 8-bit, non-interlaced only.
 */
function decodeBySpec(file: Uint8Array): { width: number; height: number; colorType: number; channels: number; pixels: Uint8Array } {
  const b = Buffer.from(file);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  const types: string[] = [];
  for (let at = 8; at < b.length; ) {
    const len = b.readUInt32BE(at);
    const type = b.toString("latin1", at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + len);
    expect(b.readUInt32BE(at + 8 + len), `CRC of ${type}`).toBe(crc32(b.subarray(at + 4, at + 8 + len)));
    types.push(type);
    if (type === "IHDR") ihdr = data;
    if (type === "IDAT") idat.push(data);
    at += 12 + len;
  }
  expect(types[0]).toBe("IHDR");
  expect(types.at(-1)).toBe("IEND");
  const width = ihdr!.readUInt32BE(0);
  const height = ihdr!.readUInt32BE(4);
  const [depth, colorType, , , interlace] = ihdr!.subarray(8);
  expect([depth, interlace]).toEqual([8, 0]);
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((stride + 1) * height);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const up = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + up - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - up) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - up) <= Math.abs(p - c) ? up : c;
      const pred = [0, a, up, (a + up) >> 1, paeth][filter];
      expect(pred, `row ${y} filter ${filter}`).toBeDefined();
      out[y * stride + x] = (v + pred!) & 0xff;
    }
  }
  return { width, height, colorType: colorType!, channels, pixels: out };
}

// Deterministic pixels with gradients, edges and noise, so that the encoder's row filters vary.
const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 255 : (i * 37 + ((i * i) >> 3)) & 0xff));

describe("encodePng", () => {
  it("writes RGB that a reader written from the spec and pngjs both read back pixel for pixel", () => {
    const px = pattern(13 * 9 * 3);
    const png = encodePng(13, 9, 3, px);
    const spec = decodeBySpec(png);
    expect([spec.width, spec.height, spec.colorType]).toEqual([13, 9, 2]);
    expect(spec.pixels).toEqual(px);
    const lib = PNG.sync.read(Buffer.from(png)); // decodes to RGBA
    expect([...lib.data]).toEqual([...px].flatMap((v, i) => (i % 3 === 2 ? [v, 255] : [v])));
  });

  it("writes 8-bit grayscale as grayscale (no alpha, no RGB)", () => {
    const px = pattern(20 * 6);
    const spec = decodeBySpec(encodePng(20, 6, 1, px));
    expect([spec.width, spec.height, spec.colorType, spec.channels]).toEqual([20, 6, 0, 1]);
    expect(spec.pixels).toEqual(px);
  });

  it("reads a pixel view into a larger buffer at its offset", () => {
    const backing = pattern(64);
    const view = backing.subarray(5, 5 + 12);
    expect(decodeBySpec(encodePng(2, 2, 3, view)).pixels).toEqual(view);
  });

  it("rejects a buffer that does not fill the image, and sizes that are not positive integers", () => {
    expect(() => encodePng(3, 3, 1, new Uint8Array(8))).toThrow(/8 bytes do not fill 3x3x1/);
    expect(() => encodePng(0, 3, 1, new Uint8Array(0))).toThrow(/invalid size 0x3/);
    expect(() => encodePng(1.5, 2, 1, new Uint8Array(3))).toThrow(/invalid size 1.5x2/);
  });

  it("writes exactly pngjs's bytes (adaptive filters, level 9, RLE), so seeded sample PNGs stay byte-identical", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    // Noise, smooth gradients, flat areas (every filter ties at 0), edges, and sizes down to 1×1, in both colour types.
    const images: [number, number, 1 | 3, (i: number, x: number, y: number) => number][] = [
      [1, 1, 1, () => 200],
      [1, 9, 3, (i) => (i * 29) & 0xff],
      [17, 1, 1, (i) => (i * 13) & 0xff],
      [31, 23, 1, () => rand() & 0xff],
      [31, 23, 3, (_, x, y) => (x * 8 + y * 3) & 0xff],
      [40, 40, 1, (_, x, y) => (x > 10 && x < 30 && y > 5 && y < 35 ? 255 : 0)],
      [64, 48, 3, (i, x, y) => ((x ^ y) & 8 ? 250 : 3) + (i % 3)],
      [50, 50, 1, (_, x, y) => Math.min(255, Math.round(Math.hypot(x - 25, y - 25) * 7 + (rand() & 7)))],
      [242, 242, 1, () => 0],
    ];
    const used = new Set<number>();
    for (const [w, h, c, f] of images) {
      const px = Uint8Array.from({ length: w * h * c }, (_, i) => f(i, Math.floor(i / c) % w, Math.floor(i / (c * w))));
      const ours = encodePng(w, h, c, px);
      const colorType = c === 1 ? 0 : 2;
      const theirs = PNG.sync.write({ width: w, height: h, data: Buffer.from(px) } as PNG, {
        colorType,
        inputColorType: colorType,
        inputHasAlpha: false,
        bitDepth: 8,
      });
      expect(Buffer.from(ours).equals(theirs), `${w}x${h}x${c}`).toBe(true);
      const raw = inflateSync(Buffer.from(ours.subarray(41, ours.length - 16)));
      for (let y = 0; y < h; y++) used.add(raw[y * (w * c + 1)]!);
    }
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4]); // every filter was chosen somewhere, so the choice was tested
  });
});
