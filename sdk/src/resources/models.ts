import { PagePromise } from "../core/pagination.ts";
import type { RequestOptions, Transport } from "../core/transport.ts";
import type { ListParams, Model, ModelSummary, PageBody } from "../types.ts";

const seg = encodeURIComponent;

/** /v1/models: every training that wrote a checkpoint is a model with the same id. */
export class Models {
  constructor(private readonly t: Transport) {}

  /** Newest first; `await` for one page or `for await` over every model. */
  list(params: ListParams = {}, opts?: RequestOptions): PagePromise<ModelSummary> {
    return new PagePromise((cursor) =>
      this.t.json<PageBody<ModelSummary>>({ method: "GET", path: "/v1/models", query: { ...params, cursor } }, opts));
  }

  /** The model, its versions (checkpoints) and the best one. */
  get(id: string, opts?: RequestOptions): Promise<Model> {
    return this.t.json<Model>({ method: "GET", path: `/v1/models/${seg(id)}` }, opts);
  }

  /** Deletes the model with its training and files (ConflictError while the training is active). */
  async delete(id: string, opts?: RequestOptions): Promise<void> {
    await this.t.send({ method: "DELETE", path: `/v1/models/${seg(id)}` }, opts);
  }
}
