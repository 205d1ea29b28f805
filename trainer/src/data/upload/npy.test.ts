import { describe, expect, it } from "vitest";
import { UploadError } from "./errors.ts";
import { thrown } from "./fixtures.ts";
import { encodeNpy } from "./npy.ts";
import { parseUpload } from "./parse.ts";

/** Hand-built .npy: magic, version, header length, dict padded to 64 bytes, data. */
function npy(dict: string, data: Uint8Array, major = 1): Uint8Array {
  const pre = major === 1 ? 10 : 12;
  let header = dict;
  while ((pre + header.length + 1) % 64 !== 0) header += " ";
  header += "\n";
  const out = new Uint8Array(pre + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const dv = new DataView(out.buffer);
  if (major === 1) dv.setUint16(8, header.length, true);
  else dv.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[pre + i] = header.charCodeAt(i);
  out.set(data, pre + header.length);
  return out;
}
const le = (arr: Float32Array | Float64Array) => new Uint8Array(arr.buffer);

function expectUploadError(file: string, bytes: Uint8Array, re: RegExp): void {
  const e = thrown(() => parseUpload(file, bytes));
  expect(e).toBeInstanceOf(UploadError);
  expect((e as UploadError).file).toBe(file);
  expect((e as UploadError).message.startsWith(`${file}: `)).toBe(true);
  expect((e as UploadError).message).toMatch(re);
}

describe(".npy uploads", () => {
  it("encodeNpy writes numpy's exact v1 header and round-trips", () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i / 11 - 0.5);
    const bytes = encodeNpy(data, [3, 4]);
    const hlen = bytes[8]! | (bytes[9]! << 8);
    expect((10 + hlen) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + hlen));
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }");
    expect(header.endsWith("\n")).toBe(true);
    expect(bytes.length).toBe(10 + hlen + 48);
    const p = parseUpload("a.npy", bytes);
    expect(p).toMatchObject({ sampleShape: [4], count: 3, source: { format: "npy", dtype: "float32" } });
    expect(p.data).toEqual(data); // already within [−1, 1]: kept
    expect(new TextDecoder().decode(encodeNpy(new Float32Array(5), [5]).subarray(10, 70))).toContain("'shape': (5,)");
    expect(() => encodeNpy(new Float32Array(5), [2, 2])).toThrow(/does not match 5 values/);
  });

  it("reads hand-built uint8, float64 (v2), float32 (v3) and Python 2 headers", () => {
    const dict = (descr: string, shape: string) => `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
    const u8 = npy(dict("|u1", "(2, 2, 3)"), Uint8Array.from([0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8]));
    const a = parseUpload("u.npy", u8);
    expect(a).toMatchObject({ sampleShape: [2, 3, 1], count: 2, source: { dtype: "uint8" } });
    expect(Array.from(a.data.subarray(0, 4))).toEqual([0, 255, 51, 102].map((v) => Math.fround(v / 127.5 - 1)));
    const f64 = npy(dict("<f8", "(2, 2)"), le(Float64Array.from([0, 0.5, 1, 0.25])), 2);
    const b = parseUpload("d.npy", f64);
    expect(b.source.dtype).toBe("float64");
    expect(Array.from(b.data)).toEqual([-1, 0, 1, -0.5]); // [0, 1] → 2x − 1
    const v3 = npy(dict("<f4", "(1, 1, 2, 3)"), le(new Float32Array(6).fill(-0.5)), 3);
    expect(parseUpload("c.npy", v3)).toMatchObject({ sampleShape: [1, 2, 3], count: 1 });
    const py2 = npy(dict("<f4", "(2L, 1L)"), le(Float32Array.from([3, 7])));
    expect(Array.from(parseUpload("p.npy", py2).data)).toEqual([-1, 1]); // outside [−1, 1]: min–max
  });

  it("rejects malformed files with an UploadError naming the file", () => {
    const f4 = le(Float32Array.from([1, 2]));
    const hdr = (descr: string, shape = "(2, 1)", fortran = "False") => `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
    expectUploadError("be.npy", npy(hdr("'>f4'"), f4), /unsupported dtype '>f4' \(big-endian\)/);
    expectUploadError("i8.npy", npy(hdr("'<i8'"), new Uint8Array(16)), /unsupported dtype '<i8'/);
    expectUploadError("s.npy", npy(hdr("[('a', '<f4')]"), f4), /structured arrays/);
    expectUploadError("f.npy", npy(hdr("'<f4'", "(2, 1)", "True"), f4), /Fortran-order/);
    expectUploadError("t.npy", npy(hdr("'<f4'", "(3, 1)"), f4), /needs 12 bytes, file has 8/);
    expectUploadError("x.npy", npy(hdr("'<f4'", "(1, 1)"), f4), /needs 4 bytes, file has 8/);
    expectUploadError("m.npy", Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), /bad magic/);
    expectUploadError("v.npy", npy(hdr("'<f4'"), f4, 4), /unsupported .npy version 4/);
    expectUploadError("1d.npy", npy(hdr("'<f4'", "(2,)"), f4), /need samples × features/);
    expectUploadError("c4.npy", npy(hdr("'|u1'", "(1, 1, 1, 4)"), new Uint8Array(4)), /1 or 3 channels, got 4/);
    expectUploadError("z.npy", npy(hdr("'<f4'", "(0, 3)"), new Uint8Array(0)), /the data is empty/);
    expectUploadError("n.npy", npy(hdr("'<f4'"), le(Float32Array.from([1, NaN]))), /NaN at element 1/);
    expectUploadError("i.npy", npy(hdr("'<f8'"), le(Float64Array.from([-Infinity, 0]))), /-Infinity at element 0/);
    expectUploadError("e.npy", new Uint8Array(0), /file is empty/);
  });
});
