import type { ResolvedModelConfig } from "@gantry/core";
import { denseMaybeNormed } from "./batch-norm.ts";
import { dense, type Layer, type LayerBuilder, relu } from "./layers.ts";
import { sizeOf } from "./variables.ts";

/**
 * The WGAN-GP toy networks (Gulrajani et al. 2017, gan_toy.py): G z(2) → 3 × 512 ReLU → 2 with a linear output (toy
 * data is not bounded to [−1, 1]); D 2 → 3 × 512 ReLU → 1. Widths configurable. PyTorch-default init
 * U(±1/√fan_in): the signal shrinks ~2.5× per ReLU layer, so G starts as a tight blob near the origin (gan_toy.py's
 * He init would start it spread out; the PyTorch convention is kept as the documented default). `gNorm: "batch"`
 * adds batch norm before each hidden ReLU of G, as PacGAN's 2-D generator has it (Lin et al. 2018, authors' code).
 */
export function mlp2dGenerator(b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]): Layer[] {
  return stack(b, m.zDim, m.gHidden, sizeOf(sampleShape), m.gNorm === "batch");
}

export function mlp2dDiscriminator(b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]): Layer[] {
  return stack(b, sizeOf(sampleShape), m.dHidden, 1, false);
}

function stack(b: LayerBuilder, inDim: number, hidden: number[], outDim: number, norm: boolean): Layer[] {
  const layers: Layer[] = [];
  let width = inDim;
  for (const h of hidden) {
    layers.push(...denseMaybeNormed(b, width, h, norm), relu());
    width = h;
  }
  layers.push(dense(b, width, outDim));
  return layers;
}
