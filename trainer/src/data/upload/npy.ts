/**
 * NumPy .npy reader/writer. Format: magic "\x93NUMPY", version (major, minor), header length (uint16 LE for v1,
 * uint32 LE for v2/v3), an ASCII/UTF-8 Python dict literal {'descr', 'fortran_order', 'shape'} padded with spaces
 * and '\n', then the raw array data.
 */
import type { RawValues } from "./normalise.ts";

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const DTYPES: Record<string, { dtype: "float32" | "float64" | "uint8"; bytes: number }> = {
  "<f4": { dtype: "float32", bytes: 4 },
  "<f8": { dtype: "float64", bytes: 8 },
  "|u1": { dtype: "uint8", bytes: 1 },
  "<u1": { dtype: "uint8", bytes: 1 },
  ">u1": { dtype: "uint8", bytes: 1 },
  "=u1": { dtype: "uint8", bytes: 1 },
};

export interface NpyArray {
  dtype: "float32" | "float64" | "uint8";
  shape: number[];
  values: RawValues;
}

/** Parses a little-endian, C-order float32/float64/uint8 .npy file; throws an Error naming the problem. */
export function parseNpy(b: Uint8Array): NpyArray {
  if (b.length < 10 || MAGIC.some((m, i) => b[i] !== m)) throw new Error("not a .npy file (bad magic string)");
  const major = b[6]!;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (major !== 1 && major !== 2 && major !== 3) throw new Error(`unsupported .npy version ${major}.${b[7]}`);
  const start = major === 1 ? 10 : 12;
  if (b.length < start) throw new Error("truncated .npy header");
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (start + hlen > b.length) throw new Error("truncated .npy header");
  const header = new TextDecoder().decode(b.subarray(start, start + hlen));

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  if (descr === undefined) {
    if (/'descr'/.test(header)) throw new Error("unsupported dtype: structured arrays are not supported");
    throw new Error("malformed .npy header: no 'descr'");
  }
  const type = DTYPES[descr];
  if (!type) {
    const why = descr.startsWith(">") ? " (big-endian)" : "";
    throw new Error(`unsupported dtype '${descr}'${why}; supported: float32 '<f4', float64 '<f8', uint8 '|u1'`);
  }
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  if (fortran === undefined) throw new Error("malformed .npy header: no 'fortran_order'");
  if (fortran === "True") throw new Error("Fortran-order arrays are not supported; save with C order");
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (shapeText === undefined) throw new Error("malformed .npy header: no 'shape'");
  const parts = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (parts.some((p) => !/^\d+L?$/.test(p))) throw new Error(`malformed .npy shape (${shapeText})`);
  const shape = parts.map((p) => parseInt(p, 10));

  const count = shape.reduce((a, d) => a * d, 1);
  const dataStart = start + hlen;
  const need = count * type.bytes;
  if (b.length - dataStart !== need) {
    throw new Error(`data size mismatch: shape (${shape.join(", ")}) of ${type.dtype} needs ${need} bytes, ` + `file has ${b.length - dataStart}`);
  }
  return { dtype: type.dtype, shape, values: readValues(b, view, dataStart, count, type.dtype) };
}

function readValues(b: Uint8Array, view: DataView, off: number, n: number, dtype: NpyArray["dtype"]): RawValues {
  if (dtype === "uint8") return b.subarray(off, off + n);
  const size = dtype === "float32" ? 4 : 8;
  if (LITTLE_ENDIAN_HOST) {
    // Copy into a fresh, aligned buffer: the data offset in the file need not be a multiple of the element size.
    const copy = b.slice(off, off + n * size).buffer;
    return dtype === "float32" ? new Float32Array(copy) : new Float64Array(copy);
  }
  return dtype === "float32"
    ? Float32Array.from({ length: n }, (_, i) => view.getFloat32(off + 4 * i, true))
    : Float64Array.from({ length: n }, (_, i) => view.getFloat64(off + 8 * i, true));
}

/** Encodes a float32 array of `shape` as a version 1.0 (2.0 if the header is huge) little-endian C-order .npy. */
export function encodeNpy(data: Float32Array, shape: number[]): Uint8Array {
  const count = shape.reduce((a, d) => a * d, 1);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || count !== data.length) {
    throw new Error(`encodeNpy: shape [${shape.join(", ")}] does not match ${data.length} values`);
  }
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  const v1 = dict.length + 64 <= 0xffff; // padded header length must fit the v1 uint16 field
  const pre = v1 ? 10 : 12;
  // numpy pads so that the data starts on a 64-byte boundary; the header ends with '\n'.
  const padded = `${dict + " ".repeat((64 - ((pre + dict.length + 1) % 64)) % 64)}\n`;
  const out = new Uint8Array(pre + padded.length + data.length * 4);
  const view = new DataView(out.buffer);
  out.set(MAGIC);
  out[6] = v1 ? 1 : 2;
  out[7] = 0;
  if (v1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[pre + i] = padded.charCodeAt(i);
  const dataStart = pre + padded.length;
  if (LITTLE_ENDIAN_HOST) out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataStart);
  else data.forEach((v, i) => view.setFloat32(dataStart + 4 * i, v, true));
  return out;
}
