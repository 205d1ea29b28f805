import { describe, expect, it } from "vitest";
import { listPresets, loadPreset } from "./presets.ts";

interface Preset {
  description?: string;
  seeds: number | number[];
  steps: number;
  tuning?: { trials: number };
}

const numbersBefore = (text: string, unit: RegExp): number[] =>
  // (?<!\d ) skips the tail of a spaced number such as "400 000 steps" (the paper's budget, not the preset's);
  // "every N steps" is a cadence, not a budget.
  [...text.matchAll(new RegExp(`(?<!\\d )(?<!every )(?<![\\d.])(\\d+) ${unit.source}`, "g"))].map((m) => Number(m[1]));

describe("bundled study presets", () => {
  it("every budget a description states (seeds, trials, steps) is the preset's own", async () => {
    const names = listPresets();
    expect(names.length).toBeGreaterThanOrEqual(10);
    let stated = 0;
    for (const name of names) {
      const p = (await loadPreset(name)) as Preset;
      const text = p.description ?? "";
      const seeds = Array.isArray(p.seeds) ? p.seeds.length : p.seeds;
      for (const n of numbersBefore(text, /seeds?\b/)) expect(n, `${name}: seeds`).toBe(seeds);
      for (const n of numbersBefore(text, /trials\b/)) expect(n, `${name}: trials`).toBe(p.tuning?.trials);
      for (const n of numbersBefore(text, /(?:generator )?steps\b/)) expect(n, `${name}: steps`).toBe(p.steps);
      stated += numbersBefore(text, /(?:seeds?|trials|(?:generator )?steps)\b/).length;
    }
    // The check is not vacuous: the descriptions state their budget (the PacGAN ones as "Budget here: …").
    expect(stated).toBeGreaterThanOrEqual(15);
  });
});
