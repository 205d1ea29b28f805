import type { z } from "@hono/zod-openapi";
import { trainingKeys } from "@gantry/trainer/storage";
import type { ResolvedDeps } from "../deps.ts";
import { Problem, conflict, notFound, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute, validationResponses } from "../http/route.ts";
import { IdParams, decodeCursor, encodeCursor } from "../schemas/common.ts";
import { ListModelsQuery, ModelPage, ModelSchema } from "../schemas/model.ts";
import { divergedDetail, isDiverged } from "../services/model-health.ts";
import { listModelIds, readModel, readModelSummary } from "../services/model-store.ts";
import { isTerminal, paginate, readStatus } from "../services/training-store.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** /v1/models: every training that did not diverge publishes a model (same id) whose versions are its checkpoints. */
export function modelsRoutes(d: ResolvedDeps) {
  const app = newRouter();

  app.openapi(
    securedRoute("sample", {
      method: "get",
      path: "/",
      tags: ["models"],
      operationId: "listModels",
      summary: "List models, newest first",
      request: { query: ListModelsQuery },
      responses: { 200: json(ModelPage, "One page of models."), ...validationResponses(false) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await paginate(await listModelIds(d.storage), true, decodeCursor(q.cursor), q.limit, async (id) => {
        const s = await readModelSummary(d.storage, id);
        if (!s) return null;
        const { config: _config, ...summary } = s;
        return summary;
      });
      return c.json({ data: page.data, nextCursor: page.last === null ? null : encodeCursor(page.last) }, 200);
    },
  );

  app.openapi(
    securedRoute("sample", {
      method: "get",
      path: "/{id}",
      tags: ["models"],
      operationId: "getModel",
      summary: "Get a model and its versions",
      request: { params: IdParams },
      responses: { 200: json(ModelSchema, "The model."), ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const model = await readModel(d.storage, id);
      if (!model) {
        // A diverged training is not a model; say why rather than a bare "does not exist".
        const st = await readStatus(d.storage, id);
        if (st && isDiverged(st)) throw new Problem(404, "not-found", "Not Found", divergedDetail(id, st));
        throw notFound(`model ${id}`);
      }
      return c.json(model, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "delete",
      path: "/{id}",
      tags: ["models"],
      operationId: "deleteModel",
      summary: "Delete a model (its training and all its files)",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted." }, ...problemResponses(400, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const st = await readStatus(d.storage, id);
      if (!st) throw notFound(`model ${id}`);
      if (!isTerminal(st.status)) throw conflict("training-active", `training ${id} is ${st.status}; cancel it before deleting its model`);
      d.generators.evict(id);
      d.sampler.evict(id); // the same cache unless sampling runs in inference workers
      await d.storage.deletePrefix(trainingKeys(id).prefix);
      return c.body(null, 204);
    },
  );

  return app;
}
