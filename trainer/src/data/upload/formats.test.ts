import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeIdx } from "../idx.ts";
import { UploadError } from "./errors.ts";
import { thrown } from "./fixtures.ts";
import { normalise } from "./normalise.ts";
import { detectFormat, parseUpload } from "./parse.ts";

const text = (s: string) => new TextEncoder().encode(s);

function expectUploadError(file: string, bytes: Uint8Array, re: RegExp, limits?: object): void {
  const e = thrown(() => parseUpload(file, bytes, limits));
  expect(e).toBeInstanceOf(UploadError);
  expect((e as UploadError).file).toBe(file);
  expect((e as UploadError).message).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}: `));
  expect((e as UploadError).message).toMatch(re);
}

describe("normalisation rule", () => {
  it("maps uint8 by x/127.5 − 1, [0,1] floats by 2x − 1, keeps [−1,1], else min–max per dataset", () => {
    expect(Array.from(normalise(Uint8Array.from([0, 255, 200])))).toEqual([-1, 1, Math.fround(200 / 127.5 - 1)]);
    expect(Array.from(normalise(Float32Array.from([0, 0.25, 1])))).toEqual([-1, -0.5, 1]);
    expect(Array.from(normalise(Float64Array.from([-0.5, 0.75])))).toEqual([-0.5, 0.75]);
    expect(Array.from(normalise(Float64Array.from([-3, 1, 5])))).toEqual([-1, 0, 1]);
    expect(Array.from(normalise(Float64Array.from([4, 4])))).toEqual([0, 0]);
    expect(() => normalise(Float32Array.from([0, NaN]))).toThrow(/NaN at element 1/);
    // Regression: a finite range wider than the largest double (max − min overflows) was stored as NaN.
    expect(Array.from(normalise(Float64Array.from([-1.7e308, 0, 1.7e308, 8.5e307])))).toEqual([-1, 0, 1, 0.5]);
    expect(Array.from(normalise(Float32Array.from([-3.4e38, 3.4e38])))).toEqual([-1, 1]);
  });
});

describe("CSV uploads", () => {
  it("skips a header row and min–max scales the whole table", () => {
    const p = parseUpload("t.csv", text("x,y,z\n1,2,3\n4,5,6\n"));
    expect(p).toMatchObject({ sampleShape: [3], count: 2, source: { format: "csv", dtype: "float64" } });
    expect(Array.from(p.data)).toEqual([-1, -0.6, -0.2, 0.2, 0.6, 1].map(Math.fround));
  });

  it("accepts CRLF, quotes, exponents, a BOM and trailing blank lines; keeps data within [−1, 1]", () => {
    const p = parseUpload("q.csv", text('\uFEFF-0.5,"2.5e-1"\r\n1, -1\r\n\r\n'));
    expect(p.count).toBe(2);
    expect(Array.from(p.data)).toEqual([-0.5, 0.25, 1, -1]);
  });

  it("rejects ragged rows, NaN/Infinity, text cells and empty tables, naming row and column", () => {
    expectUploadError("r.csv", text("1,2,3\n4,5,6\n7,8\n"), /ragged rows: row 3 has 2 columns, expected 3/);
    expectUploadError("n.csv", text("a,b\n1,NaN\n"), /row 2 column 2: NaN/);
    expectUploadError("i.csv", text("1,2\n-inf,2\n"), /row 2 column 1: -inf \(NaN\/Infinity/);
    expectUploadError("w.csv", text("1,2\n3,abc\n"), /row 2 column 2: "abc" is not a number/);
    expectUploadError("h.csv", text("a,b\n"), /no data rows/);
    expectUploadError("b.csv", text("1,2\n\n3,4\n"), /row 2 is empty/);
    expectUploadError("s.csv", text("\n\n"), /file is empty/);
    expectUploadError("e.csv", new Uint8Array(0), /file is empty/);
  });
});

describe("IDX uploads", () => {
  it("reads uint8 images (N×H×W → [H, W, 1]), gzipped files and float data", () => {
    const u8 = encodeIdx("uint8", [2, 2, 2], [0, 255, 51, 0, 1, 2, 3, 4]);
    const a = parseUpload("train-images-idx3-ubyte", u8);
    expect(a).toMatchObject({ sampleShape: [2, 2, 1], count: 2, source: { format: "idx", dtype: "uint8" } });
    expect(Array.from(a.data.subarray(0, 3))).toEqual([-1, 1, Math.fround(51 / 127.5 - 1)]);
    const gz = parseUpload("images-idx3-ubyte.gz", new Uint8Array(gzipSync(u8)));
    expect(gz.data).toEqual(a.data);
    const f = parseUpload("feat.idx", encodeIdx("float32", [2, 2], [-3, 1, 5, 1]));
    expect(Array.from(f.data)).toEqual([-1, 0, 1, 0]);
  });

  it("rejects unsupported dtypes, label files and size mismatches", () => {
    expectUploadError("a.idx", encodeIdx("int32", [2, 2], [1, 2, 3, 4]), /unsupported dtype int32/);
    expectUploadError("labels-idx1-ubyte", encodeIdx("uint8", [3], [1, 2, 3]), /need samples × features/);
    expectUploadError("t.idx", encodeIdx("uint8", [2, 2], [1, 2, 3, 4]).subarray(0, 15), /IDX size mismatch/);
    expectUploadError("n.idx", encodeIdx("float64", [1, 2], [0, Infinity]), /Infinity at element 1/);
  });
});

describe("format detection and limits", () => {
  it("detects formats by extension and rejects unknown ones", () => {
    const cases: [string, string | null][] = [
      ["a.NPY", "npy"],
      ["dir/b.csv", "csv"],
      ["c.zip", "zip"],
      ["d.tar", "tar"],
      ["e.tgz", "tar"],
      ["f.tar.gz", "tar"],
      ["g.idx", "idx"],
      ["t10k-images-idx3-ubyte", "idx"],
      ["h-ubyte.gz", "idx"],
      ["i.png", null],
      ["j.json", null],
      ["npy", null],
    ];
    for (const [name, format] of cases) expect(detectFormat(name), name).toBe(format);
    expectUploadError("data.parquet", text("x"), /unknown file extension; accepted: \.npy, \.csv, \.zip, \.tar/);
  });

  it("enforces maxBytes and maxSamples", () => {
    const csv = text("1\n2\n3\n4\n5\n");
    expect(parseUpload("ok.csv", csv, { maxSamples: 5 }).count).toBe(5);
    expectUploadError("many.csv", csv, /more than 4 rows, over the limit of 4 samples/, { maxSamples: 4 });
    expectUploadError("big.csv", csv, /file is 10 bytes, over the 9 bytes limit/, { maxBytes: 9 });
    const bomb = new Uint8Array(gzipSync(new Uint8Array(5000)));
    expectUploadError("bomb-ubyte.gz", bomb, /decompresses to more than 4000 bytes, over the limit/, { maxBytes: 4000 });
  });
});
