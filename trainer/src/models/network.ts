import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "./layers.ts";
import type { Network } from "./types.ts";

/** Chains layers into a Network; variables keep layer order, so names and checkpoint order are stable. */
export function sequential(layers: Layer[]): Network {
  const trainable = layers.flatMap((l) => l.trainable);
  const state = layers.flatMap((l) => l.state);
  return {
    layers,
    trainable,
    state,
    apply: (x, { training }) => tf.tidy(() => layers.reduce((h, l) => l.apply(h, training), x)),
    dispose: () => {
      for (const v of [...trainable, ...state]) v.dispose();
    },
  };
}
