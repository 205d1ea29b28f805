import { newId } from "@gantry/core";
import { z } from "@hono/zod-openapi";
import { BUILTIN_DATASETS, parseUploadOffThread } from "@gantry/trainer/data";
import { datasetKeys } from "@gantry/trainer/storage";
import type { ResolvedDeps } from "../deps.ts";
import { Problem, notFound, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute, validationResponses } from "../http/route.ts";
import { IdParams, decodeCursor, encodeCursor } from "../schemas/common.ts";
import { DatasetPage, DatasetSchema, ListDatasetsQuery, UploadQuery, type DatasetView } from "../schemas/dataset.ts";
import { builtinView, listUploadIds, readUpload, storeUpload, uploadView } from "../services/dataset-store.ts";
import { PostHeaders } from "./trainings.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** /v1/datasets: built-in datasets and uploads (stored normalised as data.npy + meta.json). */
export function datasetsRoutes(d: ResolvedDeps) {
  const app = newRouter();
  const find = async (id: string): Promise<DatasetView | null> => {
    if (BUILTIN_DATASETS.includes(id)) {
      const info = (await d.datasetCatalog()).find((i) => i.id === id);
      return info ? builtinView(info) : null;
    }
    const meta = await readUpload(d.storage, id);
    return meta ? uploadView(meta) : null;
  };

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/",
      tags: ["datasets"],
      operationId: "listDatasets",
      summary: "List built-in and uploaded datasets",
      request: { query: ListDatasetsQuery },
      responses: { 200: json(DatasetPage, "Built-ins first, then uploads oldest first."), ...validationResponses(false) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const after = decodeCursor(q.cursor);
      const builtins = (await d.datasetCatalog()).map(builtinView);
      const uploads = await listUploadIds(d.storage);
      const ids = [...builtins.map((b) => b.id), ...uploads];
      let start = 0;
      if (after !== null) {
        const i = ids.indexOf(after);
        // A deleted upload as cursor: continue with the next upload id after it.
        start = i >= 0 ? i + 1 : builtins.length + uploads.filter((u) => u <= after).length;
      }
      const data: DatasetView[] = [];
      let i = start;
      for (; i < ids.length && data.length < q.limit; i++) {
        const id = ids[i]!;
        const v = builtins.find((b) => b.id === id) ?? (await readUpload(d.storage, id).then((m) => (m ? uploadView(m) : null)));
        if (v) data.push(v);
      }
      const more = i < ids.length;
      return c.json({ data, nextCursor: more && data.length > 0 ? encodeCursor(data[data.length - 1]!.id) : null }, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "post",
      path: "/",
      tags: ["datasets"],
      operationId: "uploadDataset",
      summary: "Upload a dataset",
      description:
        "The body is the raw file (any content type, e.g. application/octet-stream); `name` gives its file name, " +
        "whose extension selects the parser. The file is validated before anything is stored; use the returned " +
        "`name` (upload:<id>) as TrainingConfig.data.name.",
      request: {
        query: UploadQuery,
        headers: PostHeaders,
        body: { required: true, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
      },
      responses: { 201: json(DatasetSchema, "Stored."), ...validationResponses(true) },
    }),
    async (c) => {
      const { name } = c.req.valid("query");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      // Parsed on a worker thread (inflating or decoding a hostile file must not stall this event loop), with the
      // limits applied to bytes as they are inflated; UploadError names the file and the problem (→ 422) before
      // anything is written.
      const parsed = await parseUploadOffThread(name, bytes, { maxBytes: d.limits.uploadBytes, maxSamples: d.limits.uploadSamples });
      const id = newId("dataset");
      const meta = await storeUpload(d.storage, id, name, parsed);
      c.header("Location", `/v1/datasets/${id}`);
      return c.json(uploadView(meta), 201);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}",
      tags: ["datasets"],
      operationId: "getDataset",
      summary: "Get a dataset",
      request: { params: IdParams },
      responses: { 200: json(DatasetSchema, "The dataset."), ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const v = await find(id);
      if (!v) throw notFound(`dataset ${id}`);
      return c.json(v, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "delete",
      path: "/{id}",
      tags: ["datasets"],
      operationId: "deleteDataset",
      summary: "Delete an uploaded dataset",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted." }, ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (BUILTIN_DATASETS.includes(id)) throw new Problem(403, "builtin-dataset", "Forbidden", `${id} is a built-in dataset and cannot be deleted`);
      if (!(await readUpload(d.storage, id))) throw notFound(`dataset ${id}`);
      await d.storage.deletePrefix(datasetKeys(id).prefix);
      return c.body(null, 204);
    },
  );

  return app;
}
