import { describe, expect, it } from "vitest";
import { TOY_NAMES, makeToy } from "./toys.ts";

const MODE_TOYS = ["ring8", "grid25", "ring8-pacgan", "grid25-pacgan"] as const;
// Hand-computed references: (first mode x, first mode y, σ, mode count).
const EXPECTED: Record<(typeof MODE_TOYS)[number], [number, number, number, number]> = {
  ring8: [2 / 1.414, 0, 0.02 / 1.414, 8],
  grid25: [-4 / 2.828, -4 / 2.828, 0.05 / 2.828, 25],
  "ring8-pacgan": [1, 0, 0.01, 8],
  "grid25-pacgan": [-4, -4, 0.05, 25],
};

/** Assigns each point to its nearest mode and returns per-mode count, mean and per-coordinate std. */
function perMode(points: Float32Array, modes: Float32Array) {
  const k = modes.length / 2;
  const stats = Array.from({ length: k }, () => ({ n: 0, sx: 0, sy: 0, sxx: 0, syy: 0 }));
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    let best = 0;
    let bd = Infinity;
    for (let m = 0; m < k; m++) {
      const d = (x - modes[2 * m]!) ** 2 + (y - modes[2 * m + 1]!) ** 2;
      if (d < bd) [bd, best] = [d, m];
    }
    const s = stats[best]!;
    const dx = x - modes[2 * best]!;
    const dy = y - modes[2 * best + 1]!;
    s.n++;
    s.sx += dx;
    s.sy += dy;
    s.sxx += dx * dx;
    s.syy += dy * dy;
  }
  return stats.map((s) => ({
    n: s.n,
    mx: s.sx / s.n,
    my: s.sy / s.n,
    sdx: Math.sqrt(s.sxx / s.n),
    sdy: Math.sqrt(s.syy / s.n),
  }));
}

describe("2-D toys", () => {
  it("lists the five toys", () => {
    expect([...TOY_NAMES].sort()).toEqual(["grid25", "grid25-pacgan", "ring8", "ring8-pacgan", "swissroll"]);
  });

  for (const name of MODE_TOYS) {
    it(`${name}: modes, σ and empirical per-mode statistics match the definition`, () => {
      const toy = makeToy(name);
      const [x0, y0, sigma, k] = EXPECTED[name];
      expect(toy.modes.length).toBe(2 * k);
      expect(toy.modes[0]).toBeCloseTo(x0, 5);
      expect(toy.modes[1]).toBeCloseTo(y0, 5);
      expect(toy.sigma).toBeCloseTo(sigma, 7);
      expect(toy.info).toMatchObject({ id: name, kind: "toy2d", sampleShape: [2], size: null, classes: null });
      const perBatch = 2000;
      const pts = new Float32Array(perBatch * 2 * 5);
      for (let b = 0; b < 5; b++) pts.set(toy.batch(b, perBatch, 11), b * perBatch * 2);
      const n = pts.length / 2;
      const stats = perMode(pts, toy.modes);
      const expectedN = n / k;
      for (const s of stats) {
        // Uniform mode choice: counts within 5 binomial standard deviations.
        expect(Math.abs(s.n - expectedN)).toBeLessThan(5 * Math.sqrt(expectedN));
        // Mean offset from the centre within 5 standard errors; std within ±15 %.
        expect(Math.abs(s.mx)).toBeLessThan((5 * sigma) / Math.sqrt(s.n));
        expect(Math.abs(s.my)).toBeLessThan((5 * sigma) / Math.sqrt(s.n));
        expect(s.sdx / sigma).toBeGreaterThan(0.85);
        expect(s.sdx / sigma).toBeLessThan(1.15);
        expect(s.sdy / sigma).toBeGreaterThan(0.85);
        expect(s.sdy / sigma).toBeLessThan(1.15);
      }
      const [lo, hi] = toy.info.range;
      expect(lo).toBe(-hi);
      expect(pts.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(hi);
    });
  }

  it("swissroll matches the analytic moments of make_swiss_roll's (x, z) plane", () => {
    const toy = makeToy("swissroll");
    expect(toy.modes.length).toBe(0);
    expect(toy.sigma).toBeCloseTo(0.25 / 7.5, 8);
    const n = 20000;
    const pts = toy.batch(0, n, 3);
    let sx = 0;
    let sz = 0;
    let sr = 0;
    let rMin = Infinity;
    let rMax = 0;
    for (let i = 0; i < n; i++) {
      const x = pts[2 * i]! * 7.5;
      const z = pts[2 * i + 1]! * 7.5;
      sx += x;
      sz += z;
      const r = Math.hypot(x, z);
      rMin = Math.min(rMin, r);
      rMax = Math.max(rMax, r);
      sr += r;
    }
    // t ∈ [1.5π, 4.5π] and noise 0.25 per coordinate: the radius stays within t ± 1.5 (6σ).
    expect(rMin).toBeGreaterThan(1.5 * Math.PI - 1.5);
    expect(rMin).toBeLessThan(1.5 * Math.PI + 0.2);
    expect(rMax).toBeLessThan(4.5 * Math.PI + 1.5);
    expect(rMax).toBeGreaterThan(4.5 * Math.PI - 0.2);
    // E[t cos t] = 6π / 3π = 2 and E[t sin t] = 2 / 3π for t ~ U[1.5π, 4.5π]; E[r] ≈ E[t] = 3π.
    expect(sx / n).toBeGreaterThan(2 - 0.15);
    expect(sx / n).toBeLessThan(2 + 0.15);
    expect(sz / n).toBeGreaterThan(2 / (3 * Math.PI) - 0.15);
    expect(sz / n).toBeLessThan(2 / (3 * Math.PI) + 0.15);
    expect(sr / n).toBeGreaterThan(3 * Math.PI - 0.1);
    expect(sr / n).toBeLessThan(3 * Math.PI + 0.1);
  });

  it("batches are pure functions of (seed, k, n), independent of call order", () => {
    for (const name of TOY_NAMES) {
      const a = makeToy(name);
      const late = a.batch(5, 64, 7);
      const b = makeToy(name);
      for (let k = 0; k < 5; k++) b.batch(k, 64, 7);
      expect(b.batch(5, 64, 7)).toEqual(late);
      expect(a.batch(5, 64, 7)).toEqual(late);
      expect(a.batch(5, 64, 8)).not.toEqual(late);
      expect(a.batch(4, 64, 7)).not.toEqual(late);
      expect(a.batchLabels?.(0, 4, 7)).toBeNull();
    }
  });

  it("take is seeded, split-dependent and disjoint from the training stream", () => {
    const toy = makeToy("ring8");
    const t = toy.take(100, { seed: 1 });
    expect(t.labels).toBeNull();
    expect(t.data.length).toBe(200);
    expect(toy.take(100, { seed: 1 }).data).toEqual(t.data);
    expect(toy.take(100, { seed: 1, split: "test" }).data).not.toEqual(t.data);
    expect(toy.take(100, { seed: 2 }).data).not.toEqual(t.data);
    expect(toy.batch(0, 100, 1)).not.toEqual(t.data);
  });
});
