import { PagePromise } from "../core/pagination.ts";
import type { RequestOptions, Transport } from "../core/transport.ts";
import type { CriticField, CriticFieldParams, GeneratorExport, GeneratorExportParams, ListParams, Model, ModelSummary, PageBody } from "../types.ts";

const seg = encodeURIComponent;

/** /v1/models: every training that wrote a checkpoint is a model with the same id. */
export class Models {
  constructor(private readonly t: Transport) {}

  /** Newest first; `await` for one page or `for await` over every model. */
  list(params: ListParams = {}, opts?: RequestOptions): PagePromise<ModelSummary> {
    return new PagePromise((cursor) =>
      this.t.json<PageBody<ModelSummary>>({ method: "GET", path: "/v1/models", query: { ...params, cursor } }, opts),
    );
  }

  /** The model, its versions (checkpoints) and the best one. */
  get(id: string, opts?: RequestOptions): Promise<Model> {
    return this.t.json<Model>({ method: "GET", path: `/v1/models/${seg(id)}` }, opts);
  }

  /**
   * A 2-D model's critic evaluated on a grid (row 0 at the top) over the dataset's box or [lo, hi], with `real`
   * real data points to draw over it. ValidationError (422) for models whose samples are not 2-D points.
   */
  critic(id: string, params: CriticFieldParams = {}, opts?: RequestOptions): Promise<CriticField> {
    return this.t.json<CriticField>({ method: "GET", path: `/v1/models/${seg(id)}/critic`, query: { ...params } }, opts);
  }

  /**
   * The generator of version `step` ("latest", "best" or a step) as a TF.js layers model; EMA weights by default when
   * the run kept them, as sampling uses. Run it with `tf.loadLayersModel(tf.io.fromMemory(layersModelArtifacts(x)))`.
   */
  exportGenerator(
    id: string,
    step: number | "latest" | "best" = "latest",
    params: GeneratorExportParams = {},
    opts?: RequestOptions,
  ): Promise<GeneratorExport> {
    const query = params.ema === undefined ? {} : { ema: String(params.ema) };
    return this.t.json<GeneratorExport>({ method: "GET", path: `/v1/models/${seg(id)}/versions/${seg(String(step))}/generator`, query }, opts);
  }

  /** Deletes the model with its training and files (ConflictError while the training is active). */
  async delete(id: string, opts?: RequestOptions): Promise<void> {
    await this.t.send({ method: "DELETE", path: `/v1/models/${seg(id)}` }, opts);
  }
}

/**
 * What `tf.io.fromMemory` takes, from an export: the topology and weight specs as they are, the base64 weights
 * decoded to an ArrayBuffer. Plain JavaScript (atob), so the SDK needs no tfjs of its own.
 */
export function layersModelArtifacts(x: GeneratorExport): {
  modelTopology: GeneratorExport["modelTopology"];
  weightSpecs: GeneratorExport["weightSpecs"];
  weightData: ArrayBuffer;
} {
  const bin = atob(x.weightData);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { modelTopology: x.modelTopology, weightSpecs: x.weightSpecs, weightData: bytes.buffer };
}
