/**
 * Test fixtures for upload parsing: PNGs written with pngjs and a small independent ustar writer. Test-only code
 * (imported by *.test.ts), kept out of the parsers so the tests do not reuse the code they check.
 */
import pngjs from "pngjs";

export type PngKind = "gray" | "rgb" | "rgba";

/** Encodes a w×h PNG whose channel c at (x, y) is `f(x, y, c)` (gray uses c = 0; alpha is c = 3). */
export function makePng(w: number, h: number, kind: PngKind, f: (x: number, y: number, c: number) => number): Uint8Array {
  const png = new pngjs.PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) png.data[o + c] = f(x, y, kind === "gray" ? 0 : c);
      png.data[o + 3] = kind === "rgba" ? f(x, y, 3) : 255;
    }
  }
  const colorType = kind === "gray" ? 0 : kind === "rgb" ? 2 : 6;
  return new Uint8Array(pngjs.PNG.sync.write(png, { colorType }));
}

function putString(h: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < s.length; i++) h[at + i] = s.charCodeAt(i);
}

export interface TarMember {
  name: string;
  data?: Uint8Array;
  /** '0' file (default), '5' directory. */
  type?: "0" | "5";
  /** ustar prefix field (directory part of long paths). */
  prefix?: string;
}

/** Writes a ustar archive: 512-byte headers with octal fields and checksum, data padded to 512, two zero blocks. */
export function makeTar(members: TarMember[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const m of members) {
    const data = m.data ?? new Uint8Array(0);
    const h = new Uint8Array(512);
    putString(h, 0, m.name);
    putString(h, 100, "0000644\0");
    putString(h, 108, "0000000\0");
    putString(h, 116, "0000000\0");
    putString(h, 124, `${data.length.toString(8).padStart(11, "0")}\0`);
    putString(h, 136, "00000000000\0");
    putString(h, 148, "        ");
    h[156] = (m.type ?? "0").charCodeAt(0);
    putString(h, 257, "ustar\0");
    putString(h, 263, "00");
    if (m.prefix) putString(h, 345, m.prefix);
    const sum = h.reduce((a, b) => a + b, 0);
    putString(h, 148, `${sum.toString(8).padStart(6, "0")}\0 `);
    blocks.push(h);
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let off = 0;
  for (const b of blocks) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

/** Asserts-friendly capture: runs fn and returns the thrown error (or undefined). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
