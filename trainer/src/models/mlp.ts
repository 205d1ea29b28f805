import type { ResolvedModelConfig } from "@gantry/core";
import { denseMaybeNormed } from "./batch-norm.ts";
import { dense, type Layer, type LayerBuilder, leakyRelu, relu, reshape, tanh } from "./layers.ts";
import { sizeOf } from "./variables.ts";

/**
 * The fully connected GAN of Goodfellow et al. 2014 in its common modern form. G: z → gHidden (ReLU) → prod(shape),
 * tanh (data in [−1, 1]), reshaped to the sample shape. D: flatten → dHidden (LeakyReLU 0.2) → 1, linear logit.
 * Defaults: z 100, G [256, 512], D [512, 256]; PyTorch-default init U(±1/√fan_in). `gNorm: "batch"` adds batch norm
 * before each hidden ReLU of G.
 */
export function mlpGenerator(b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]): Layer[] {
  const layers: Layer[] = [];
  let width = m.zDim;
  for (const h of m.gHidden) {
    layers.push(...denseMaybeNormed(b, width, h, m.gNorm === "batch"), relu());
    width = h;
  }
  layers.push(dense(b, width, sizeOf(sampleShape)), tanh(), reshape(sampleShape));
  return layers;
}

export function mlpDiscriminator(b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]): Layer[] {
  const layers: Layer[] = [reshape([sizeOf(sampleShape)])];
  let width = sizeOf(sampleShape);
  for (const h of m.dHidden) {
    layers.push(dense(b, width, h), leakyRelu(0.2));
    width = h;
  }
  layers.push(dense(b, width, 1));
  return layers;
}
