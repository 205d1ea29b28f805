import { describe, expect, it } from "vitest";
import { GantryError } from "./errors.ts";
import { encodeNpy, parseNpy } from "./npy.ts";

/** A version-1 .npy file with the header padded to 64 bytes, as NumPy writes it. */
function npy(descr: string, shape: number[], payload: Uint8Array, version = 1): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  const pre = version === 1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const header = `${dict.padEnd(total - pre - 1, " ")}\n`;
  const out = new Uint8Array(total + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const v = new DataView(out.buffer);
  if (version === 1) v.setUint16(8, header.length, true);
  else v.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), pre);
  out.set(payload, total);
  return out;
}

describe("parseNpy", () => {
  it("reads little-endian float32 in C order", () => {
    const vals = new Float32Array([1.5, -2, 0.25, 3, 4, -0.5]);
    const r = parseNpy(npy("<f4", [3, 2], new Uint8Array(vals.buffer)));
    expect(r.shape).toEqual([3, 2]);
    expect(Array.from(r.data)).toEqual([1.5, -2, 0.25, 3, 4, -0.5]);
  });

  it("reads big-endian float64, version 2 headers and 1-D shapes", () => {
    const buf = new DataView(new ArrayBuffer(16));
    buf.setFloat64(0, 0.1, false);
    buf.setFloat64(8, -7, false);
    const r = parseNpy(npy(">f8", [2], new Uint8Array(buf.buffer), 2));
    expect(r.shape).toEqual([2]);
    expect(r.data[0]).toBeCloseTo(0.1, 7);
    expect(r.data[1]).toBe(-7);
  });

  it("reads data that does not start on an aligned offset", () => {
    const file = npy("<f4", [1], new Uint8Array(new Float32Array([42]).buffer));
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    expect(Array.from(parseNpy(shifted.subarray(1)).data)).toEqual([42]);
  });

  it("rejects bad magic, truncated data and fortran order", () => {
    expect(() => parseNpy(new Uint8Array(20))).toThrow(GantryError);
    expect(() => parseNpy(npy("<f4", [4], new Uint8Array(8)))).toThrow(/expected 16 data bytes, got 8/);
    const fortran = npy("<f4", [1], new Uint8Array(4));
    // Byte-for-byte as a string (TextDecoder's "latin1" is windows-1252 per WHATWG, which Node 24 applies to 0x93).
    const text = String.fromCharCode(...fortran).replace("False", "True ");
    expect(() => parseNpy(Uint8Array.from(text, (c) => c.charCodeAt(0)))).toThrow(/fortran_order/);
    expect(() => parseNpy(npy("<c8", [1], new Uint8Array(8)))).toThrow(/unsupported dtype <c8/);
  });
});

describe("encodeNpy", () => {
  it("round-trips through parseNpy with a 64-byte aligned header", () => {
    const data = new Float32Array([0.5, -1.25, 3, 1e-7, -0, 65504]);
    const file = encodeNpy(data, [3, 2]);
    expect((file.length - data.length * 4) % 64).toBe(0);
    expect(new TextDecoder("latin1").decode(file.subarray(10, 60))).toContain("'descr': '<f4'");
    const back = parseNpy(file);
    expect(back.shape).toEqual([3, 2]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect(parseNpy(encodeNpy(new Float32Array([7]), [1])).shape).toEqual([1]);
  });
});
