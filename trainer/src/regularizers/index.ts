import { createClip } from "./clip.ts";
import { createGradientPenalty } from "./gp.ts";
import { createR1, createR2 } from "./r1.ts";
import type { Regularizer, RegularizerConfig } from "./types.ts";

export type { PenaltyContext, Regularizer, RegularizerConfig } from "./types.ts";

type RegularizerType = RegularizerConfig["type"];
type Factory<K extends RegularizerType> = (config: Extract<RegularizerConfig, { type: K }>) => Regularizer;

/** One factory per config type; the mapped type makes a missing type a compile error. */
export const REGULARIZER_FACTORIES: Readonly<{ [K in RegularizerType]: Factory<K> }> = Object.freeze({
  gp: createGradientPenalty,
  r1: createR1,
  r2: createR2,
  clip: createClip,
});

/** Builds the regulariser a config describes; an unknown type throws an Error listing the valid ones. */
export function createRegularizer(config: RegularizerConfig): Regularizer {
  const type: string = config.type;
  if (!Object.hasOwn(REGULARIZER_FACTORIES, type)) {
    throw new Error(`unknown regularizer type "${type}"; valid types: ${Object.keys(REGULARIZER_FACTORIES).join(", ")}`);
  }
  const make = REGULARIZER_FACTORIES[config.type] as (c: RegularizerConfig) => Regularizer;
  return make(config);
}
