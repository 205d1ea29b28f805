import { criticField } from "@gantry/trainer/checkpoint";
import { openDataset } from "@gantry/trainer/data";
import { datasetKeys, trainingKeys } from "@gantry/trainer/storage";
import type { ResolvedDeps } from "../deps.ts";
import { invalid, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute } from "../http/route.ts";
import { IdParams } from "../schemas/common.ts";
import { CriticFieldQuery, CriticFieldSchema } from "../schemas/critic.ts";
import { loadProblem } from "../services/sampling.ts";
import { assertNotDiverged } from "../services/model-health.ts";

// The seed of the real points: fixed, so an animation across checkpoints draws the same real data every frame.
const REAL_SEED = 1;

/** GET /v1/models/{id}/critic: the discriminator of a 2-D model on a grid (GAN Lab's background picture). */
export function criticRoutes(d: ResolvedDeps) {
  const app = newRouter();
  app.openapi(
    securedRoute("sample", {
      method: "get",
      path: "/{id}/critic",
      tags: ["models"],
      operationId: "getCriticField",
      summary: "Evaluate a 2-D model's critic on a grid",
      description:
        "The discriminator's raw output at the centre of every cell of a square grid over data space, for " +
        "models of 2-D points. Optionally returns real data points to draw over it (the fakes come from sampling).",
      request: { params: IdParams, query: CriticFieldQuery },
      responses: {
        200: { description: "The critic field.", content: { "application/json": { schema: CriticFieldSchema } } },
        ...problemResponses(400, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      await assertNotDiverged(d.storage, id);
      let field;
      try {
        field = await criticField(d.storage, id, q.version, {
          resolution: q.resolution,
          ...(q.lo !== undefined && q.hi !== undefined ? { extent: [q.lo, q.hi] as [number, number] } : {}),
        });
      } catch (err) {
        if (err instanceof Error && err.name === "CheckpointError" && (err as { code?: string }).code === "incompatible") {
          throw invalid(422, [{ path: "id", message: err.message }]);
        }
        throw await loadProblem(err, d.storage, id, q.version, "wait for the first checkpoint");
      }
      const real: [number, number][] = [];
      if (q.real > 0) {
        const config = await d.storage.getJson<{ data: { name: string } }>(trainingKeys(id).config);
        if (config) {
          const ds = await openDataset({ name: config.data.name }, { loadUpload: (upload) => d.storage.get(datasetKeys(upload).data) });
          const pts = ds.take(q.real, { seed: REAL_SEED }).data;
          for (let i = 0; i + 1 < pts.length; i += 2) real.push([pts[i]!, pts[i + 1]!]);
        }
      }
      return c.json({ version: field.step, resolution: field.resolution, extent: field.extent, values: Array.from(field.values), real }, 200);
    },
  );
  return app;
}
