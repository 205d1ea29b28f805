import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { imageGridPng, scatterSvg } from "./sample-art.ts";

describe("imageGridPng", () => {
  it("tiles 3 grayscale 2x2 images into a 2x2 grid with a 2 px gutter and maps [-1, 1] to bytes", () => {
    const data = new Float32Array(12);
    data.fill(1, 0, 4); // image 0 white
    data.fill(-1, 4, 8); // image 1 black
    data.set([0, 0.5, -0.5, 3], 8); // image 2: mid grey, clamp above 1
    const png = PNG.sync.read(Buffer.from(imageGridPng(data, 3, [2, 2, 1])));
    // 2 columns × (2 + 2) + 2 = 10 on both axes.
    expect([png.width, png.height]).toEqual([10, 10]);
    const at = (x: number, y: number) => png.data[(y * 10 + x) * 4]!;
    expect(at(2, 2)).toBe(255);
    expect(at(6, 2)).toBe(0);
    expect(at(2, 6)).toBe(128); // round(0.5 * 255)
    expect(at(3, 6)).toBe(191); // round(0.75 * 255)
    expect(at(2, 7)).toBe(64); // round(0.25 * 255)
    expect(at(3, 7)).toBe(255);
    expect(at(0, 0)).toBe(0); // gutter
  });

  it("draws flat square vectors as images and refuses other shapes", () => {
    const png = PNG.sync.read(Buffer.from(imageGridPng(new Float32Array(4 * 4), 1, [16])));
    expect([png.width, png.height]).toEqual([8, 8]);
    expect(() => imageGridPng(new Float32Array(5), 1, [5])).toThrow(/cannot draw samples of shape \[5\]/);
  });
});

describe("scatterSvg", () => {
  it("places points and modes in the plotting box", () => {
    const svg = scatterSvg(Float32Array.from([0, 0, 1, 1]), Float32Array.from([-1, -1]), {
      range: [-2, 2],
      modes: Float32Array.from([2, 0]),
      title: "a<b",
    });
    // Real points (grey) first, then fakes (orange), each in its own group.
    expect(svg).toContain('<g fill="#999" fill-opacity=".35"><circle cx="120.0" cy="360.0" r="1.6"/></g>');
    expect(svg).toContain('<g fill="#e8590c" fill-opacity=".7"><circle cx="240.0" cy="240.0" r="1.6"/><circle cx="360.0" cy="120.0" r="1.6"/></g>');
    expect(svg).toContain('d="M475 240h10M480 235v10"');
    // No stylesheet: inlined into a report page its rules would apply to the whole page.
    expect(svg).not.toContain("<style");
    expect(svg).toContain("a&lt;b");
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });
});
