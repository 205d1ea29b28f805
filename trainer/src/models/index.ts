import type { ResolvedModelConfig, ResolvedTrainingConfig } from "@gantry/core";
import { dcganDiscriminator, dcganGenerator } from "./dcgan.ts";
import * as tf from "@tensorflow/tfjs-core";
import { fn, type InitScheme, type Layer, LayerBuilder } from "./layers.ts";
import { mlpDiscriminator, mlpGenerator } from "./mlp.ts";
import { mlp2dDiscriminator, mlp2dGenerator } from "./mlp2d.ts";
import { sequential } from "./network.ts";
import type { GanModels, Network } from "./types.ts";

export type { GanModels, Network } from "./types.ts";
export { variableKey } from "./variables.ts";

type LayerFactory = (b: LayerBuilder, m: ResolvedModelConfig, sampleShape: number[]) => Layer[];

interface ArchSpec {
  init: InitScheme;
  generator: LayerFactory;
  discriminator: LayerFactory;
}

/** Every architecture by its config name. */
export const ARCHS: Readonly<Record<ResolvedModelConfig["arch"], ArchSpec>> = Object.freeze({
  mlp: { init: "torch", generator: mlpGenerator, discriminator: mlpDiscriminator },
  mlp2d: { init: "torch", generator: mlp2dGenerator, discriminator: mlp2dDiscriminator },
  dcgan: { init: "dcgan", generator: dcganGenerator, discriminator: dcganDiscriminator },
});

/** Init-stream ids so G's and D's layer k never share weights. */
const NET_ID = { g: 0, d: 1 } as const;

/**
 * Builds one network of the configured architecture. `prefix` names its variables ("g" → "g/dense0/kernel");
 * the EMA copy of G uses prefix "ema/g". Spectral norm applies to D only.
 */
export function buildNetwork(config: ResolvedTrainingConfig, sampleShape: number[], which: "g" | "d", prefix: string = which): Network {
  const spec = ARCHS[config.model.arch];
  const b = new LayerBuilder(prefix, spec.init, config.seed, NET_ID[which], which === "d" && config.model.spectralNorm);
  const factory = which === "g" ? spec.generator : spec.discriminator;
  const pack = which === "d" ? (config.model.pack ?? 1) : 1;
  if (pack === 1) return sequential(factory(b, config.model, sampleShape));
  // PacGAN: consecutive samples i·m … i·m + m − 1 of a batch (row-major) become one input of m × the sample size.
  const packed = [pack * sampleShape.reduce((a, d) => a * d, 1)];
  return sequential([fn((x) => tf.reshape(x, [-1, packed[0]!])), ...factory(b, config.model, packed)]);
}

/** Builds G and D for `sampleShape`, seeded by config.seed (same config + seed → identical initial weights). */
export function buildModels(config: ResolvedTrainingConfig, sampleShape: number[]): GanModels {
  const generator = buildNetwork(config, sampleShape, "g");
  const discriminator = buildNetwork(config, sampleShape, "d");
  return { generator, discriminator, zDim: config.model.zDim, sampleShape: [...sampleShape] };
}
