import { describe, expect, it } from "vitest";
import { gaussian, hashSeed, mulberry32, permutation } from "./rng.ts";

describe("rng", () => {
  it("hashSeed is deterministic and sensitive to every part", () => {
    expect(hashSeed(1, 2, 3)).toBe(hashSeed(1, 2, 3));
    expect(hashSeed(1, 2, 3)).not.toBe(hashSeed(1, 2, 4));
    expect(hashSeed(1, 2 ** 33)).not.toBe(hashSeed(1, 0));
  });
  it("mulberry32 gives uniform floats with mean near 1/2", () => {
    const r = mulberry32(42);
    let s = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      s += x;
    }
    expect(s / 20000).toBeGreaterThan(0.49);
    expect(s / 20000).toBeLessThan(0.51);
  });
  it("gaussian has mean 0 and variance 1 within sampling error", () => {
    const g = gaussian(mulberry32(7));
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = g();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(s2 / n).toBeGreaterThan(0.96);
    expect(s2 / n).toBeLessThan(1.04);
  });
  it("permutation contains every index once", () => {
    const p = permutation(1000, 3);
    expect(new Set(p).size).toBe(1000);
    expect(Array.from(p)).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
