/**
 * Stacks the PNG members of an archive into one N×H×W×C uint8 array. Members are ordered by name (numeric-aware,
 * so img2 < img10). Grayscale PNGs give C = 1, colour (RGB, palette) C = 3; if both occur, grayscale images are
 * replicated into three channels. Alpha is dropped (not composited). 16-bit PNGs are rescaled to 8 bits by pngjs.
 */
import pngjs from "pngjs";
import type { ArchiveEntry } from "./tar.ts";

export interface ImageStack {
  pixels: Uint8Array;
  shape: [number, number, number, number];
}

const collator = new Intl.Collator("en", { numeric: true });

/** True for archive noise we ignore: directories, hidden files, macOS resource forks. */
function ignored(name: string): boolean {
  const base = name.split("/").pop() ?? "";
  return name.endsWith("/") || base === "" || base.startsWith(".") || name.startsWith("__MACOSX/");
}

/**
 * Decodes and stacks the PNG members; throws an Error naming the offending member on a non-PNG member, an
 * undecodable PNG or a size mismatch, and on exceeding maxSamples, maxPixels per image (read from the header,
 * before decoding) or maxBytes of decoded pixels.
 */
export function stackPngs(entries: ArchiveEntry[], limits: { maxBytes: number; maxSamples: number; maxPixels: number }): ImageStack {
  const members = entries.filter((e) => !ignored(e.name)).sort((a, b) => collator.compare(a.name, b.name));
  const bad = members.find((m) => !m.name.toLowerCase().endsWith(".png"));
  if (bad) throw new Error(`member '${bad.name}' is not a .png image (archives may hold only PNG images)`);
  if (members.length === 0) throw new Error("archive contains no PNG images");
  if (members.length > limits.maxSamples) {
    throw new Error(`${members.length} images, over the limit of ${limits.maxSamples} samples`);
  }
  let width = 0;
  let height = 0;
  let decoded = 0;
  const images: { px: Uint8Array; color: boolean }[] = [];
  for (const m of members) {
    // Size from the header before anything is inflated: a small file can declare 20000×20000 pixels.
    const dims = pngSize(m);
    if (dims.width * dims.height > limits.maxPixels) {
      throw new Error(`member '${m.name}' is ${dims.width}×${dims.height} pixels, over the limit of ${limits.maxPixels} pixels per image`);
    }
    // pngjs decodes to 8-bit RGBA: that is what this member costs while decoding.
    if (decoded + dims.width * dims.height * 4 > limits.maxBytes) {
      throw new Error(`decoded images exceed the ${limits.maxBytes}-byte limit (at member '${m.name}')`);
    }
    let png: ReturnType<typeof pngjs.PNG.sync.read>;
    try {
      png = pngjs.PNG.sync.read(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    } catch (e) {
      throw new Error(`member '${m.name}' is not a valid PNG (${(e as Error).message})`);
    }
    if (images.length === 0) {
      width = png.width;
      height = png.height;
    } else if (png.width !== width || png.height !== height) {
      throw new Error(
        `member '${m.name}' is ${png.width}×${png.height} but '${members[0]!.name}' is ` + `${width}×${height}; all images must be the same size`,
      );
    }
    const c = png.color ? 3 : 1;
    decoded += width * height * c;
    if (decoded > limits.maxBytes) throw new Error(`decoded images exceed the ${limits.maxBytes}-byte limit`);
    // pngjs always hands back 8-bit RGBA; keep the channels the file actually had.
    const px = new Uint8Array(width * height * c);
    for (let p = 0; p < width * height; p++) for (let k = 0; k < c; k++) px[p * c + k] = png.data[p * 4 + k]!;
    images.push({ px, color: png.color });
  }
  const C = images.some((i) => i.color) ? 3 : 1;
  const size = width * height * C;
  const pixels = new Uint8Array(images.length * size);
  images.forEach((img, n) => {
    if (img.color || C === 1) pixels.set(img.px, n * size);
    else for (let p = 0; p < width * height; p++) pixels.fill(img.px[p]!, n * size + p * 3, n * size + p * 3 + 3);
  });
  return { pixels, shape: [images.length, height, width, C] };
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which the PNG format requires to come first (bytes 16–23). */
function pngSize(m: ArchiveEntry): { width: number; height: number } {
  const b = m.data;
  const ihdr = b.length >= 24 && b[12] === 0x49 && b[13] === 0x48 && b[14] === 0x44 && b[15] === 0x52;
  if (!ihdr || SIGNATURE.some((v, i) => b[i] !== v)) throw new Error(`member '${m.name}' is not a valid PNG (no PNG header)`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16, false), height: view.getUint32(20, false) };
}
