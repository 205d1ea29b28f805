import zlib from "node:zlib";

/**
 * Encodes 8-bit grayscale (channels 1) or RGB (channels 3) pixels, row-major, as a PNG: signature, IHDR, one IDAT,
 * IEND; no alpha channel is written.
 *
 * The bytes are exactly what pngjs (the library the upload path decodes with) writes for the same pixels with its
 * defaults — adaptive row filters (per row the filter with the smallest sum of |difference|, first of 0..4 on a
 * tie), zlib level 9 with the RLE strategy, 32 KiB chunks — so seeded samples stay byte-identical to earlier
 * releases (png.test.ts compares the two). It is written here, not called, because pngjs scores the five filters
 * in five passes with a function call per byte and then filters in a sixth: a third of a sampling request's CPU
 * (64 MNIST digits: ~2.6 ms in pngjs, ~0.5 ms here). One pass scores all five filters, a second writes the winner.
 */
export function encodePng(width: number, height: number, channels: 1 | 3, pixels: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`encodePng: invalid size ${width}x${height}`);
  }
  if (pixels.length !== width * channels * height) {
    throw new Error(`encodePng: ${pixels.length} bytes do not fill ${width}x${height}x${channels}`);
  }
  const idat = zlib.deflateSync(filterRows(pixels, width * channels, height, channels), { level: 9, strategy: 3, chunkSize: 32 * 1024 });
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, channels === 1 ? 0 : 2, 0, 0, 0], 8); // depth 8; grayscale or truecolour; deflate; adaptive; no interlace
  const out = new Uint8Array(8 + 25 + 12 + idat.length + 12);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = chunk(out, 8, "IHDR", ihdr);
  at = chunk(out, at, "IDAT", idat);
  chunk(out, at, "IEND", new Uint8Array(0));
  return out;
}

/** Writes one chunk (length, type, data, CRC-32 of type and data) at `at`; returns the offset after it. */
function chunk(out: Uint8Array, at: number, type: string, data: Uint8Array): number {
  const view = new DataView(out.buffer, out.byteOffset);
  view.setUint32(at, data.length);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
  out.set(data, at + 8);
  view.setUint32(at + 8 + data.length, crc32(out.subarray(at + 4, at + 8 + data.length)));
  return at + 12 + data.length;
}

/** Each row prefixed by its filter byte and filtered; `bpp` bytes per pixel, `stride` bytes per row. */
function filterRows(px: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  // Rows copied behind `bpp` zero bytes under a zero row: the neighbours left, up and up-left of every byte are
  // then plain reads (PNG defines them as 0 outside the image), with no edge tests in the loops.
  const ps = stride + bpp;
  const p = new Uint8Array(ps * (height + 1));
  for (let y = 0; y < height; y++) p.set(px.subarray(y * stride, (y + 1) * stride), (y + 1) * ps + bpp);
  const out = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = (y + 1) * ps + bpp;
    const end = row + stride;
    // Sums of unsigned differences (not mod 256), as pngjs scores them; a tie keeps the lower filter.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = row; i < end; i++) {
      const v = p[i]!;
      const a = p[i - bpp]!;
      const b = p[i - ps]!;
      s0 += v;
      s1 += abs(v - a);
      s2 += abs(v - b);
      s3 += abs(v - ((a + b) >> 1));
      s4 += abs(v - paeth(a, b, p[i - ps - bpp]!));
    }
    let sel = 0;
    let min = s0;
    if (s1 < min) [sel, min] = [1, s1];
    if (s2 < min) [sel, min] = [2, s2];
    if (s3 < min) [sel, min] = [3, s3];
    if (s4 < min) sel = 4;
    let o = y * (stride + 1);
    out[o++] = sel;
    // Differences are stored mod 256 by the Uint8Array.
    if (sel === 0) out.set(p.subarray(row, end), o);
    else if (sel === 1) for (let i = row; i < end; i++) out[o++] = p[i]! - p[i - bpp]!;
    else if (sel === 2) for (let i = row; i < end; i++) out[o++] = p[i]! - p[i - ps]!;
    else if (sel === 3) for (let i = row; i < end; i++) out[o++] = p[i]! - ((p[i - bpp]! + p[i - ps]!) >> 1);
    else for (let i = row; i < end; i++) out[o++] = p[i]! - paeth(p[i - bpp]!, p[i - ps]!, p[i - ps - bpp]!);
  }
  return out;
}

/** |d| for an int32 without a branch (the sign bits pattern of row sums is unpredictable). */
function abs(d: number): number {
  const m = d >> 31;
  return (d ^ m) - m;
}

/** The PNG Paeth predictor of left `a`, up `b`, up-left `c` (ties: left, then up). */
function paeth(a: number, b: number, c: number): number {
  const q = a + b - c;
  const pa = abs(q - a);
  const pb = abs(q - b);
  const pc = abs(q - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** zlib's CRC-32 (Node ≥ 20.15); a table-driven one for older Node 20 releases. */
const crc32: (data: Uint8Array) => number = (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ?? tableCrc32;

let table: Uint32Array | undefined;
function tableCrc32(data: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
