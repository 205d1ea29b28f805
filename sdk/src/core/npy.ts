import { GantryError } from "./errors.ts";

/** A decoded .npy array as float32 values in C order. */
export interface NpyArray {
  shape: number[];
  data: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

type Reader = (view: DataView, offset: number, littleEndian: boolean) => number;
const READERS: Record<string, { size: number; read: Reader }> = {
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
};

const fail = (msg: string): never => {
  throw new GantryError(`invalid .npy data: ${msg}`);
};

/**
 * Parses a NumPy .npy file (format versions 1-3) holding float32, float64, int32 or uint8 values in C order into a
 * Float32Array. The header is a Python dict literal, e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }`.
 */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail("missing the \\x93NUMPY magic");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail(`unsupported format version ${major}`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) fail("header longer than the file");
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(headerStart, dataStart));

  const descr = /'descr'\s*:\s*'([<>|=])([a-z]\d+)'/.exec(header) ?? fail(`no descr in header ${header.trim()}`);
  const order = /'fortran_order'\s*:\s*(True|False)/.exec(header) ?? fail("no fortran_order in header");
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header) ?? fail("no shape in header");
  if (order[1] === "True") fail("fortran_order arrays are not supported");
  const kind = READERS[descr[2]!] ?? fail(`unsupported dtype ${descr[1]}${descr[2]}`);
  const shape = shapeText[1]!
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) fail(`bad shape (${shapeText[1]})`);

  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - dataStart < count * kind.size) fail(`expected ${count * kind.size} data bytes, got ${bytes.length - dataStart}`);
  const littleEndian = descr[1] !== ">";
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = kind.read(view, dataStart + i * kind.size, littleEndian);
  return { shape, data };
}

/** Encodes float32 values of `shape` as a version-1 little-endian .npy file (header padded to 64 bytes). */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(", ");
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = `${dict.padEnd(total - 11, " ")}\n`;
  const out = new Uint8Array(total + data.length * 4);
  out.set(MAGIC);
  out[6] = 1;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  for (let i = 0; i < data.length; i++) view.setFloat32(total + i * 4, data[i]!, true);
  return out;
}
