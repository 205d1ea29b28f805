import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { UploadError } from "./errors.ts";
import { makePng, makeTar, thrown } from "./fixtures.ts";
import { parseUpload } from "./parse.ts";
import { readTar } from "./tar.ts";

// Gray image number k: pixel (x, y) = 10k + 3y + x.
const gray = (k: number, w = 3, h = 2) => makePng(w, h, "gray", (x, y) => 10 * k + 3 * y + x);
const scaled = (v: number) => Math.fround(v / 127.5 - 1);

function expectUploadError(file: string, bytes: Uint8Array, re: RegExp, limits?: object): void {
  const e = thrown(() => parseUpload(file, bytes, limits));
  expect(e).toBeInstanceOf(UploadError);
  expect((e as UploadError).file).toBe(file);
  expect((e as UploadError).message).toMatch(re);
}

describe("zip and tar of PNGs", () => {
  it("zip: grayscale PNGs stack to N×H×W×1 in numeric name order, ignoring archive noise", () => {
    const zip = zipSync({
      "img10.png": gray(3),
      "img2.png": gray(2),
      "img1.png": gray(1),
      "__MACOSX/._img1.png": new Uint8Array([0, 5, 22]),
      ".DS_Store": new Uint8Array(8),
      "sub/": new Uint8Array(0),
    });
    const p = parseUpload("digits.zip", zip);
    expect(p).toMatchObject({ count: 3, sampleShape: [2, 3, 1], source: { format: "zip", dtype: "uint8" } });
    expect(Array.from(p.data)).toEqual([1, 2, 3].flatMap((k) => [0, 1, 2, 3, 4, 5].map((v) => scaled(10 * k + v))));
  });

  it("zip: RGB(A) gives C = 3 with alpha dropped; gray members are replicated when colour is present", () => {
    const rgba = makePng(2, 1, "rgba", (x, _y, c) => (c === 3 ? 0 : 100 * x + 10 * c + 5));
    const p = parseUpload("c.zip", zipSync({ "a.png": rgba, "b.png": makePng(2, 1, "gray", (x) => 200 + x) }));
    expect(p.sampleShape).toEqual([1, 2, 3]);
    expect(Array.from(p.data)).toEqual([5, 15, 25, 105, 115, 125, 200, 200, 200, 201, 201, 201].map(scaled));
    const rgb = parseUpload("rgb.zip", zipSync({ "x.png": makePng(1, 1, "rgb", (_x, _y, c) => 50 * c) }));
    expect(Array.from(rgb.data)).toEqual([0, 50, 100].map(scaled));
  });

  it("tar and tar.gz (ustar, prefix field, directory entries) give the same stack as zip", () => {
    const tar = makeTar([
      { name: "imgs/", type: "5" },
      { name: "b.png", prefix: "imgs", data: gray(2) },
      { name: "imgs/a.png", data: gray(1) },
    ]);
    expect(readTar(tar).map((e) => e.name)).toEqual(["imgs/b.png", "imgs/a.png"]);
    const p = parseUpload("set.tar", tar);
    expect(p).toMatchObject({ count: 2, sampleShape: [2, 3, 1], source: { format: "tar", dtype: "uint8" } });
    expect(p.data).toEqual(parseUpload("set.zip", zipSync({ "a.png": gray(1), "b.png": gray(2) })).data);
    expect(parseUpload("set.tar.gz", new Uint8Array(gzipSync(tar))).data).toEqual(p.data);
  });

  it("rejects mismatched sizes naming the member, non-PNG members, corrupt PNGs and empty archives", () => {
    const mixed = zipSync({ "a.png": gray(1), "b.png": gray(2, 4, 2) });
    expectUploadError("m.zip", mixed, /member 'b\.png' is 4×2 but 'a\.png' is 3×2; all images must be the same size/);
    const txt = zipSync({ "a.png": gray(1), "notes.txt": new Uint8Array(3) });
    expectUploadError("t.zip", txt, /member 'notes\.txt' is not a \.png/);
    const badPng = zipSync({ "bad.png": Uint8Array.from([1, 2, 3, 4]) });
    expectUploadError("p.zip", badPng, /member 'bad\.png' is not a valid PNG/);
    expectUploadError("e.zip", zipSync({ "x/": new Uint8Array(0) }), /archive contains no PNG images/);
    expectUploadError("n.zip", Uint8Array.from([1, 2, 3, 4, 5]), /not a valid zip archive/);
    expectUploadError("e.tar", new Uint8Array(1024), /archive contains no PNG images/);
  });

  it("rejects corrupt and truncated tars", () => {
    const tar = makeTar([{ name: "a.png", data: gray(1) }]);
    const corrupt = tar.slice();
    corrupt[0] = 0x41; // changes the name without fixing the checksum
    expectUploadError("c.tar", corrupt, /corrupt tar header at byte 0 \(checksum mismatch\)/);
    expectUploadError("t.tar", tar.subarray(0, 520), /truncated tar archive: entry at byte 0 runs past the end/);
    expectUploadError("h.tar", tar.subarray(0, 300), /truncated tar archive \(partial header block/);
  });

  it("enforces sample and decompressed-size limits on archives", () => {
    const three = zipSync({ "a.png": gray(1), "b.png": gray(2), "c.png": gray(3) });
    expectUploadError("s.zip", three, /3 images, over the limit of 2 samples/, { maxSamples: 2 });
    const bomb = zipSync({ "a.png": new Uint8Array(100_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(5000);
    expectUploadError("b.zip", bomb, /over the limit/, { maxBytes: 50_000 });
  });
});
