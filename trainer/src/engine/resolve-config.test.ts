import { describe, expect, it } from "vitest";
import { ConfigError, parseTrainingConfig, type TrainingConfigInput } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import type { DatasetInfo } from "../data/types.ts";
import { defaultGNorm, resolveConfig } from "./resolve-config.ts";
import { fakeImages } from "./testing.ts";

const toy = makeToy("ring8").info;
const image = fakeImages().info;
const resolve = (input: Partial<TrainingConfigInput>, info: DatasetInfo = toy) =>
  resolveConfig(parseTrainingConfig({ data: { name: info.id }, loss: { name: "ns" }, ...input }), info);

function configError(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveConfig", () => {
  it("picks mlp2d for toys and mlp for images, with their default sizes", () => {
    expect(resolve({}).model).toEqual({ arch: "mlp2d", zDim: 2, gHidden: [64, 64, 64], dHidden: [64, 64, 64], spectralNorm: false, dNorm: "none" });
    expect(resolve({}, image).model).toEqual({
      arch: "mlp",
      zDim: 100,
      gHidden: [256, 512],
      dHidden: [512, 256],
      spectralNorm: false,
      dNorm: "none",
      gNorm: "batch",
    });
  });

  it("model.gNorm: batch by default for the image MLP only; an explicit value wins; a resume keeps its checkpoint's", () => {
    const tabular: DatasetInfo = { ...image, id: "tab", kind: "tabular", sampleShape: [5] };
    expect(resolve({}, image).model.gNorm).toBe("batch");
    expect(resolve({ model: { arch: "mlp" } }, tabular).model.gNorm).toBeUndefined();
    expect(resolve({}).model.gNorm).toBeUndefined(); // mlp2d on a toy
    expect(resolve({ model: { arch: "mlp" } }).model.gNorm).toBeUndefined(); // mlp on a toy
    expect(resolve({ model: { arch: "dcgan" } }, image).model.gNorm).toBeUndefined(); // dcgan's G has its own
    expect(resolve({ model: { gNorm: "none" } }, image).model).not.toHaveProperty("gNorm");
    expect(resolve({ model: { gNorm: "batch" } }).model.gNorm).toBe("batch");
    // Resumes: a checkpoint from before the default (no gNorm) stays none; one with batch stays batch; config wins.
    const cfg = (model: TrainingConfigInput["model"] = {}) => parseTrainingConfig({ data: { name: "mnist" }, loss: { name: "ns" }, model });
    const old = resolve({ model: { gNorm: "none" } }, image);
    expect(old.model).not.toHaveProperty("gNorm");
    expect(resolveConfig(cfg(), image, old).model).toEqual(old.model);
    expect(resolveConfig(cfg(), image, resolve({}, image)).model.gNorm).toBe("batch");
    expect(resolveConfig(cfg({ gNorm: "batch" }), image, old).model.gNorm).toBe("batch");
    expect(defaultGNorm("mlp", "image")).toBe("batch");
    expect(defaultGNorm("mlp2d", "toy2d")).toBe("none");
  });

  it("fills regularizers, optimizers and nCritic from the loss preset", () => {
    const r = resolve({ loss: { name: "wgan-gp" } });
    expect(r.regularizers).toEqual([{ type: "gp", lambda: 10, oneSided: false, sampling: "interpolate" }]);
    expect(r.nCritic).toBe(5);
    // Gulrajani et al. 2017, Algorithm 1: α = 1e-4, β1 = 0, β2 = 0.9.
    expect(r.optimizers.g).toEqual({ type: "adam", lr: 1e-4, beta1: 0, beta2: 0.9 });
    const ns = resolve({});
    expect(ns.regularizers).toEqual([]);
    expect(ns.nCritic).toBe(1);
    expect(ns.optimizers.d).toEqual({ type: "adam", lr: 2e-4, beta1: 0.5, beta2: 0.999 });
  });

  it("config values win over the preset; regularizers: [] means none; missing betas get tfjs defaults", () => {
    const r = resolve({ loss: { name: "wgan-gp" }, regularizers: [], nCritic: 2, optimizers: { g: { type: "adam", lr: 0.001 } } });
    expect(r.regularizers).toEqual([]);
    expect(r.nCritic).toBe(2);
    expect(r.optimizers.g).toEqual({ type: "adam", lr: 0.001, beta1: 0.9, beta2: 0.999 });
    expect(r.optimizers.d).toEqual({ type: "adam", lr: 1e-4, beta1: 0, beta2: 0.9 });
    expect(resolve({ model: { zDim: 8, gHidden: [3] } }).model).toMatchObject({ zDim: 8, gHidden: [3] });
  });

  it("rmsprop: the WGAN preset states decay 0.99 (the reference's PyTorch default); a config may set its own", () => {
    const wgan = resolve({ loss: { name: "wgan" } });
    expect(wgan.optimizers.d).toEqual({ type: "rmsprop", lr: 5e-5, beta1: 0.9, beta2: 0.999, decay: 0.99 });
    expect(wgan.optimizers.g.decay).toBe(0.99);
    const own = resolve({ optimizers: { d: { type: "rmsprop", lr: 1e-3, decay: 0.9 }, g: { type: "rmsprop", lr: 1e-3 } } });
    expect(own.optimizers.d.decay).toBe(0.9);
    expect(own.optimizers.g.decay).toBe(0.99); // unset: PyTorch's default, not tfjs's 0.9
    expect(resolve({}).optimizers.d.decay).toBeUndefined(); // adam carries no decay
    expect(() =>
      parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "ns" }, optimizers: { d: { type: "rmsprop", lr: 1e-3, decay: 1 } } }),
    ).toThrow(/optimizers\.d\.decay/);
  });

  it("refuses dNorm batch with a gradient penalty, R1 or R2, naming model.dNorm (clipping is fine)", () => {
    const batch = { arch: "dcgan" as const, dNorm: "batch" as const };
    const preset = configError(() => resolve({ model: batch, loss: { name: "wgan-gp" } }, image));
    expect(preset.issues).toHaveLength(1);
    expect(preset.issues[0]!.path).toBe("model.dNorm");
    expect(preset.issues[0]!.message).toMatch(/gp, from the wgan-gp preset/);
    for (const reg of [{ type: "r1" as const }, { type: "r2" as const }, { type: "gp" as const }]) {
      const e = configError(() => resolve({ model: batch, regularizers: [reg] }, image));
      expect(e.issues.map((i) => i.path)).toEqual(["model.dNorm"]);
      expect(e.message).toContain(reg.type);
    }
    expect(resolve({ model: batch, loss: { name: "wgan" } }, image).model.dNorm).toBe("batch");
    expect(resolve({ model: batch, loss: { name: "wgan-gp" }, regularizers: [] }, image).model.dNorm).toBe("batch");
  });

  it("dcgan: D batch norm unless a gradient penalty, R1 or R2 is on", () => {
    expect(resolve({ model: { arch: "dcgan" } }, image).model).toMatchObject({ zDim: 100, gHidden: [128, 64], dHidden: [64, 128], dNorm: "batch" });
    expect(resolve({ model: { arch: "dcgan" }, loss: { name: "wgan" } }, image).model.dNorm).toBe("batch"); // clip
    expect(resolve({ model: { arch: "dcgan" }, regularizers: [{ type: "r1" }] }, image).model.dNorm).toBe("none");
    expect(resolve({ model: { arch: "dcgan", dNorm: "none" } }, image).model.dNorm).toBe("none");
  });

  it("rejects models that cannot fit, naming the field", () => {
    expect(configError(() => resolve({ model: { arch: "dcgan" } })).issues[0]!.path).toBe("model.arch");
    expect(configError(() => resolve({ model: { arch: "dcgan" } }, { ...image, sampleShape: [32, 32, 3] })).message).toMatch(
      /model\.arch: dcgan needs 28×28×c images; dataset "fake-images" has sample shape \[32, 32, 3\]/,
    );
    expect(configError(() => resolve({ model: { arch: "dcgan", gHidden: [1, 2, 3] } }, image)).issues).toEqual([
      { path: "model.gHidden", message: "dcgan takes exactly 2 channel counts" },
    ]);
    expect(configError(() => resolve({ model: { dNorm: "batch" } })).issues[0]!.path).toBe("model.dNorm");
  });

  it("the resolved config has no optional holes and survives JSON", () => {
    const r = resolve({ loss: { name: "hinge" } }, image);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    for (const k of ["model", "regularizers", "optimizers", "nCritic", "seed", "batchSize", "steps"] as const) {
      expect(r[k], k).toBeDefined();
    }
  });
});
