import type { ResolvedModelConfig } from "@gantry/core";
import { batchNorm } from "./batch-norm.ts";
import { conv2d, conv2dTranspose, dense, type Layer, type LayerBuilder, leakyRelu, relu, reshape, tanh } from "./layers.ts";

/**
 * DCGAN (Radford et al. 2015) sized for 28×28×c images, NHWC. With gHidden [a, b] and dHidden [p, q]
 * (defaults [128, 64] and [64, 128]):
 * G: z → dense 7·7·a → reshape 7×7×a → BN → ReLU → convT(b, 4, s2) → BN → ReLU → convT(c, 4, s2) → tanh   (7 → 14 → 28)
 * D: conv(p, 4, s2) → LeakyReLU 0.2 → conv(q, 4, s2) → [BN] → LeakyReLU 0.2 → dense 1    (28 → 14 → 7)
 * Layers followed by batch norm have no bias (BN's β replaces it). Init N(0, 0.02), BN γ ~ N(1, 0.02).
 */
export function dcganGenerator(b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]): Layer[] {
  const [a, c2] = m.gHidden as [number, number];
  const channels = sampleShape[2]!;
  return [
    dense(b, m.zDim, 7 * 7 * a, false),
    reshape([7, 7, a]),
    batchNorm(b, a),
    relu(),
    conv2dTranspose(b, a, c2, false),
    batchNorm(b, c2),
    relu(),
    conv2dTranspose(b, c2, channels),
    tanh(),
  ];
}

export function dcganDiscriminator(b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]): Layer[] {
  const [p, q] = m.dHidden as [number, number];
  const bn = m.dNorm === "batch";
  return [
    conv2d(b, sampleShape[2]!, p),
    leakyRelu(0.2),
    conv2d(b, p, q, !bn),
    ...(bn ? [batchNorm(b, q)] : []),
    leakyRelu(0.2),
    reshape([7 * 7 * q]),
    dense(b, 7 * 7 * q, 1),
  ];
}
