/**
 * 2-D toy distributions as the papers define them. Every toy knows its (scaled) mode centres and per-coordinate σ,
 * so mode-coverage metrics can use them directly. Toys are infinite: batch k is drawn from its own seed.
 */
import { Stream, gaussian, hashSeed, mulberry32 } from "../util/rng.ts";
import type { DatasetInfo, Toy2D } from "./types.ts";

interface ToyDef {
  description: string;
  /** Unscaled mode centres. */
  centres: [number, number][];
  /** Unscaled per-coordinate noise σ. */
  sigma: number;
  /** Every coordinate is divided by this (WGAN-GP rescales its toys to roughly unit range). */
  divisor: number;
  /** Largest unscaled |coordinate| of the noiseless support, for the plotting range. */
  extent: number;
  /** Custom noiseless draw (swiss roll); default picks a centre uniformly. */
  draw?: (u: () => number) => [number, number];
}

function ring(count: number, radius: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = (2 * Math.PI * i) / count;
    out.push([radius * Math.cos(a), radius * Math.sin(a)]);
  }
  return out;
}

function grid(): [number, number][] {
  const out: [number, number][] = [];
  for (let x = -4; x <= 4; x += 2) for (let y = -4; y <= 4; y += 2) out.push([x, y]);
  return out;
}

/** sklearn make_swiss_roll: t = 1.5π(1 + 2u), point (t cos t, t sin t) in the (x, z) plane we keep. */
function swissRoll(u: () => number): [number, number] {
  const t = 1.5 * Math.PI * (1 + 2 * u());
  return [t * Math.cos(t), t * Math.sin(t)];
}

const TOYS: Record<string, ToyDef> = {
  ring8: {
    description: "8 Gaussians on a circle of radius 2, σ 0.02, scaled by 1/1.414 (WGAN-GP toy)",
    centres: ring(8, 2),
    sigma: 0.02,
    divisor: 1.414,
    extent: 2,
  },
  grid25: {
    description: "25 Gaussians on {−4,−2,0,2,4}², σ 0.05, scaled by 1/2.828 (WGAN-GP toy)",
    centres: grid(),
    sigma: 0.05,
    divisor: 2.828,
    extent: 4,
  },
  swissroll: {
    description: "Swiss roll (sklearn make_swiss_roll, noise 0.25, (x, z) coordinates), scaled by 1/7.5 (WGAN-GP toy)",
    centres: [],
    sigma: 0.25,
    divisor: 7.5,
    extent: 4.5 * Math.PI,
    draw: swissRoll,
  },
  "ring8-pacgan": {
    description: "8 Gaussians on the unit circle, σ 0.01, unscaled (PacGAN 2D-ring mode-count protocol)",
    centres: ring(8, 1),
    sigma: 0.01,
    divisor: 1,
    extent: 1,
  },
  "grid25-pacgan": {
    description: "25 Gaussians on {−4,−2,0,2,4}², σ 0.05, unscaled (PacGAN 2D-grid mode-count protocol)",
    centres: grid(),
    sigma: 0.05,
    divisor: 1,
    extent: 4,
  },
};

export const TOY_NAMES: readonly string[] = Object.keys(TOYS);

function toyDef(name: string): ToyDef {
  const def = TOYS[name];
  if (!def) throw new Error(`unknown toy dataset "${name}"; valid: ${TOY_NAMES.join(", ")}`);
  return def;
}

/** The DatasetInfo of toy `name`, computed without drawing anything (what makeToy(name).info reports). */
export function toyInfo(name: string): DatasetInfo {
  const def = toyDef(name);
  const bound = Math.ceil(((def.extent + 6 * def.sigma) / def.divisor) * 10) / 10;
  return {
    id: name,
    kind: "toy2d",
    sampleShape: [2],
    size: null,
    classes: null,
    description: def.description,
    range: [-bound, bound],
  };
}

/** Builds toy `name`; throws if it is not a toy. */
export function makeToy(name: string): Toy2D {
  const def = toyDef(name);
  const modes = new Float32Array(def.centres.length * 2);
  def.centres.forEach(([x, y], i) => {
    modes[2 * i] = x / def.divisor;
    modes[2 * i + 1] = y / def.divisor;
  });
  const sigma = def.sigma / def.divisor;

  // Draws n points from one seeded uniform stream; every point consumes the same number of draws.
  const draw = (n: number, streamSeed: number): Float32Array => {
    const u = mulberry32(streamSeed);
    const g = gaussian(u);
    const out = new Float32Array(n * 2);
    const k = def.centres.length;
    for (let i = 0; i < n; i++) {
      const [cx, cy] = def.draw ? def.draw(u) : def.centres[Math.floor(u() * k)]!;
      out[2 * i] = (cx + def.sigma * g()) / def.divisor;
      out[2 * i + 1] = (cy + def.sigma * g()) / def.divisor;
    }
    return out;
  };

  return {
    info: toyInfo(name),
    modes,
    sigma,
    batch: (k, n, seed) => draw(n, hashSeed(seed, Stream.data, k)),
    batchLabels: () => null,
    // Evaluation draws use their own stream so they never coincide with training batches.
    take: (count, opts) => ({ data: draw(count, hashSeed(opts?.seed ?? 0, Stream.eval, opts?.split === "test" ? 1 : 0)), labels: null }),
  };
}
