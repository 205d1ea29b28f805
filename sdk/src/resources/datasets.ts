import { PagePromise } from "../core/pagination.ts";
import type { RequestOptions, Transport } from "../core/transport.ts";
import type { Dataset, ListParams, PageBody } from "../types.ts";

const seg = encodeURIComponent;

export interface UploadOptions extends RequestOptions {
  /** File name; its extension selects the server's parser (.npy, .csv, .zip of PNGs, .tar/.tgz, IDX). */
  name: string;
}

/** /v1/datasets: built-ins and uploads. */
export class Datasets {
  constructor(private readonly t: Transport) {}

  /** Built-ins first, then uploads; `await` for one page or `for await` over every dataset. */
  list(params: ListParams = {}, opts?: RequestOptions): PagePromise<Dataset> {
    return new PagePromise((cursor) => this.t.json<PageBody<Dataset>>({ method: "GET", path: "/v1/datasets", query: { ...params, cursor } }, opts));
  }

  get(id: string, opts?: RequestOptions): Promise<Dataset> {
    return this.t.json<Dataset>({ method: "GET", path: `/v1/datasets/${seg(id)}` }, opts);
  }

  /**
   * Uploads a file; the result's `name` (upload:<id>) is what TrainingConfig.data.name takes. The body must be
   * in memory (bytes, Blob or string) so a retry can resend it.
   */
  upload(file: Uint8Array | ArrayBuffer | Blob | string, opts: UploadOptions): Promise<Dataset> {
    const { name, ...rest } = opts;
    return this.t.json<Dataset>({ method: "POST", path: "/v1/datasets", query: { name }, body: file }, rest);
  }

  /** Deletes an upload (PermissionDeniedError for a built-in). */
  async delete(id: string, opts?: RequestOptions): Promise<void> {
    await this.t.send({ method: "DELETE", path: `/v1/datasets/${seg(id)}` }, opts);
  }
}
