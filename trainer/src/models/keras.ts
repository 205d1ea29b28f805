import type { Network } from "./types.ts";

/** A network in TF.js layers format: what `tf.io.fromMemory` takes (weightData as raw little-endian float32). */
export interface LayersModelArtifacts {
  /** Keras `Sequential` JSON, as in a model.json's `modelTopology`. */
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: "float32" }[];
  weightData: Uint8Array;
}

/** The tfjs-layers release whose format this writes; the same as the tfjs-core release that runs the trainer. */
const LAYERS_VERSION = "tfjs-layers 4.22.0";

/**
 * Writes `net` (inference mode, its current weights) as a Keras Sequential model taking [batch, inputDim]: each
 * layer's `keras` spec in order, weights named `<layer>/<weight>` as tfjs-layers names them when it builds the layer,
 * which is how `loadWeights` matches them. Throws for a layer without an equivalent (spectral norm, PacGAN packing;
 * critics only).
 */
export function toLayersModel(net: Network, inputDim: number, name: string): LayersModelArtifacts {
  const layers: { class_name: string; config: Record<string, unknown> }[] = [];
  const weightSpecs: LayersModelArtifacts["weightSpecs"] = [];
  const values: Float32Array[] = [];
  const counts = new Map<string, number>();
  net.layers.forEach((layer, i) => {
    const k = layer.keras;
    if (!k) throw new Error(`${name}: layer ${i} has no TF.js layers equivalent`);
    const kind = k.className.toLowerCase();
    const n = counts.get(kind) ?? 0;
    counts.set(kind, n + 1);
    const layerName = k.name ?? `${kind}${n}`;
    const config = { name: layerName, trainable: false, dtype: "float32", ...k.config, ...(i === 0 ? { batch_input_shape: [null, inputDim] } : {}) };
    layers.push({ class_name: k.className, config });
    for (const [weight, v] of k.weights ?? []) {
      weightSpecs.push({ name: `${layerName}/${weight}`, shape: [...v.shape], dtype: "float32" });
      values.push(v.dataSync() as Float32Array);
    }
  });
  const weightData = new Uint8Array(values.reduce((s, v) => s + v.byteLength, 0));
  let at = 0;
  for (const v of values) {
    weightData.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), at);
    at += v.byteLength;
  }
  return {
    modelTopology: { class_name: "Sequential", config: { name, layers }, keras_version: LAYERS_VERSION, backend: "tensor_flow.js" },
    weightSpecs,
    weightData,
  };
}
