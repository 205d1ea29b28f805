import { PagePromise } from "../core/pagination.ts";
import type { RequestOptions, Transport } from "../core/transport.ts";
import type { CriticField, CriticFieldParams, ListParams, Model, ModelSummary, PageBody } from "../types.ts";

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

  /** Deletes the model with its training and files (ConflictError while the training is active). */
  async delete(id: string, opts?: RequestOptions): Promise<void> {
    await this.t.send({ method: "DELETE", path: `/v1/models/${seg(id)}` }, opts);
  }
}
