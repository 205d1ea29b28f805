import type { ResolvedDeps } from "../deps.ts";
import { problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute } from "../http/route.ts";
import { GeneratorExportParams, GeneratorExportQuery, GeneratorExportSchema } from "../schemas/generator-export.ts";
import { loadProblem } from "../services/sampling.ts";

/**
 * GET /v1/models/{id}/versions/{step}/generator: the generator as a TF.js layers model in one JSON document.
 * One authenticated GET rather than model.json plus weight files: tfjs fetches weight paths relative to model.json
 * without the caller's Authorization header unless told to, and one document is one thing to cache or save. Base64
 * costs a third more bytes than binary; the default MNIST generator is about 3 MB as JSON, under Lambda's 6 MB.
 * The sampling scope: whoever may sample a model may run it themselves.
 */
export function generatorExportRoutes(d: ResolvedDeps) {
  const app = newRouter();
  app.openapi(
    securedRoute("sample", {
      method: "get",
      path: "/{id}/versions/{step}/generator",
      tags: ["models"],
      operationId: "exportGenerator",
      summary: "Export a model version's generator as a TF.js layers model",
      request: { params: GeneratorExportParams, query: GeneratorExportQuery },
      responses: {
        200: { description: "The generator.", content: { "application/json": { schema: GeneratorExportSchema } } },
        ...problemResponses(400, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id, step } = c.req.valid("param");
      const { ema } = c.req.valid("query");
      try {
        return c.json(await d.generators.use(id, step, ema, (g) => g.exportLayersModel()), 200);
      } catch (err) {
        throw await loadProblem(err, d.storage, id, step, "wait for the first checkpoint");
      }
    },
  );
  return app;
}
