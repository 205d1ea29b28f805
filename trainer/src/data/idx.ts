/**
 * IDX reader (the MNIST container): bytes 0–1 zero, byte 2 the element type, byte 3 the number of dimensions, then
 * one big-endian uint32 per dimension, then the elements in C order, big-endian. Gzipped files are inflated first.
 */
import { gunzipSync } from "node:zlib";

export type IdxDtype = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";
export type IdxArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxFile {
  dtype: IdxDtype;
  dims: number[];
  data: IdxArray;
}

const TYPES: Record<number, { dtype: IdxDtype; bytes: number }> = {
  0x08: { dtype: "uint8", bytes: 1 },
  0x09: { dtype: "int8", bytes: 1 },
  0x0b: { dtype: "int16", bytes: 2 },
  0x0c: { dtype: "int32", bytes: 4 },
  0x0d: { dtype: "float32", bytes: 4 },
  0x0e: { dtype: "float64", bytes: 8 },
};

/** True if the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Parses an IDX file. uint8 data is returned as a view of the input (no copy); wider types are decoded from
 * big-endian into native typed arrays. Throws an Error describing the problem on a malformed file.
 */
export function parseIdx(input: Uint8Array): IdxFile {
  const bytes = isGzip(input) ? new Uint8Array(gunzipSync(input)) : input;
  if (bytes.length < 4) throw new Error(`IDX file too short (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error("not an IDX file (first two bytes must be zero)");
  const type = TYPES[bytes[2]!];
  if (!type) throw new Error(`unsupported IDX element type code 0x${bytes[2]!.toString(16).padStart(2, "0")}`);
  const ndim = bytes[3]!;
  if (ndim === 0) throw new Error("IDX file has zero dimensions");
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) throw new Error(`IDX header truncated (${ndim} dimensions declared)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    throw new Error(`IDX size mismatch: dims [${dims.join(", ")}] of ${type.dtype} need ${expected} bytes, file has ${bytes.length}`);
  }
  return { dtype: type.dtype, dims, data: decode(view, headerBytes, count, type.dtype, bytes) };
}

function decode(view: DataView, off: number, n: number, dtype: IdxDtype, bytes: Uint8Array): IdxArray {
  switch (dtype) {
    case "uint8":
      return bytes.subarray(off, off + n);
    case "int8":
      return new Int8Array(bytes.buffer, bytes.byteOffset + off, n).slice();
    case "int16":
      return Int16Array.from({ length: n }, (_, i) => view.getInt16(off + 2 * i, false));
    case "int32":
      return Int32Array.from({ length: n }, (_, i) => view.getInt32(off + 4 * i, false));
    case "float32":
      return Float32Array.from({ length: n }, (_, i) => view.getFloat32(off + 4 * i, false));
    case "float64":
      return Float64Array.from({ length: n }, (_, i) => view.getFloat64(off + 8 * i, false));
  }
}

/** Writes an IDX file (big-endian); used by tests and tools that export data. */
export function encodeIdx(dtype: IdxDtype, dims: number[], values: ArrayLike<number>): Uint8Array {
  const code = Number(Object.keys(TYPES).find((k) => TYPES[Number(k)]!.dtype === dtype));
  const size = TYPES[code]!.bytes;
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + values.length * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const setters: Record<IdxDtype, (o: number, v: number) => void> = {
    uint8: (o, v) => view.setUint8(o, v),
    int8: (o, v) => view.setInt8(o, v),
    int16: (o, v) => view.setInt16(o, v, false),
    int32: (o, v) => view.setInt32(o, v, false),
    float32: (o, v) => view.setFloat32(o, v, false),
    float64: (o, v) => view.setFloat64(o, v, false),
  };
  for (let i = 0; i < values.length; i++) setters[dtype](header + i * size, values[i]!);
  return out;
}
