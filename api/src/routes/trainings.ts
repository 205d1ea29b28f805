import { newId } from "@gantry/core";
import { z } from "@hono/zod-openapi";
import { trainingKeys } from "@gantry/trainer/storage";
import type { ResolvedDeps } from "../deps.ts";
import { preferWait, waitFor } from "../http/prefer.ts";
import { conflict, invalid, notFound, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute, validationResponses } from "../http/route.ts";
import { IdParams, decodeCursor, encodeCursor } from "../schemas/common.ts";
import { ListTrainingsQuery, MetricsQuery, MetricsResponse, TrainingPage, TrainingRequestSchema, TrainingSchema } from "../schemas/training.ts";
import { checkWebhook, trainingSubject } from "../webhooks/notifier.ts";
import { checkDatasetName } from "../services/dataset-check.ts";
import { reopenTraining, resumeProblem } from "../services/resume.ts";
import { createTraining, isTerminal, listTrainingIds, paginate, readMetricLines, readTraining } from "../services/training-store.ts";

export const PostHeaders = z.object({
  prefer: z
    .string()
    .optional()
    .openapi({ description: "RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state." }),
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ description: "Replays the first response for the same key and body; 409 for a different body." }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** /v1/trainings: submit, list, inspect and cancel trainings. */
export function trainingsRoutes(d: ResolvedDeps) {
  const app = newRouter();
  const load = async (id: string) => {
    const t = await readTraining(d.storage, id);
    if (!t) throw notFound(`training ${id}`);
    return t;
  };

  app.openapi(
    securedRoute("train", {
      method: "post",
      path: "/",
      tags: ["trainings"],
      operationId: "createTraining",
      summary: "Submit a training",
      request: { headers: PostHeaders, body: { required: true, content: { "application/json": { schema: TrainingRequestSchema } } } },
      responses: {
        202: json(TrainingSchema, "Accepted and queued (or still running after `Prefer: wait`)."),
        200: json(TrainingSchema, "Finished within the `Prefer: wait` time."),
        ...validationResponses(true),
      },
    }),
    async (c) => {
      // The route's validator parsed the body with core's TrainingConfig (defaults applied): that value is the config.
      const { webhook, webhookEventsFilter, ...config } = c.req.valid("json");
      const wanted = d.backends.find((b) => b.name === config.backend);
      if (wanted && !wanted.available)
        throw invalid(422, [{ path: "body.backend", message: `${config.backend} is not available on this deployment: ${wanted.detail}` }]);
      const target = checkWebhook(d.webhooks, { webhook, webhookEventsFilter });
      await checkDatasetName(d.storage, config.data.name, config.data.classes);
      const id = newId("training");
      let training = await createTraining(d.storage, id, config);
      await d.runner.submit(id);
      if (target) d.webhooks?.watch(trainingSubject(d.storage, id), target);
      const wait = preferWait(c.req.header("prefer"));
      if (wait !== null) {
        const done = await waitFor(wait, async () => {
          const t = await readTraining(d.storage, id);
          return t && isTerminal(t.status) ? t : null;
        });
        training = done ?? (await load(id));
        c.header("Preference-Applied", `wait=${wait}`);
      }
      c.header("Location", `/v1/trainings/${id}`);
      return isTerminal(training.status) ? c.json(training, 200) : c.json(training, 202);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/",
      tags: ["trainings"],
      operationId: "listTrainings",
      summary: "List trainings, newest first",
      request: { query: ListTrainingsQuery },
      responses: { 200: json(TrainingPage, "One page of trainings."), ...validationResponses(false) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const after = decodeCursor(q.cursor);
      const page = await paginate(await listTrainingIds(d.storage), true, after, q.limit, async (id) => {
        const t = await readTraining(d.storage, id);
        if (!t) return null;
        if (q.status && t.status !== q.status) return null;
        if (q.loss && t.config.loss.name !== q.loss) return null;
        if (q.dataset && t.config.data.name !== q.dataset) return null;
        return t;
      });
      return c.json({ data: page.data, nextCursor: page.last === null ? null : encodeCursor(page.last) }, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}",
      tags: ["trainings"],
      operationId: "getTraining",
      summary: "Get a training",
      request: { params: IdParams },
      responses: { 200: json(TrainingSchema, "The training."), ...problemResponses(400, 404) },
    }),
    async (c) => c.json(await load(c.req.valid("param").id), 200),
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}/metrics",
      tags: ["trainings"],
      operationId: "getTrainingMetrics",
      summary: "Logged metrics of a training",
      request: { params: IdParams, query: MetricsQuery },
      responses: { 200: json(MetricsResponse, "metrics.jsonl lines in step order."), ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { since } = c.req.valid("query");
      await load(id);
      return c.json({ data: await readMetricLines(d.storage, trainingKeys(id).metrics, since) }, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "post",
      path: "/{id}/cancel",
      tags: ["trainings"],
      operationId: "cancelTraining",
      summary: "Cancel a queued or running training",
      request: { params: IdParams, headers: PostHeaders },
      responses: { 200: json(TrainingSchema, "The canceled training."), ...problemResponses(400, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const before = await load(id);
      if (isTerminal(before.status)) throw conflict("already-finished", `training ${id} already ended (${before.status})`);
      await d.runner.cancel(id);
      const after = await load(id);
      if (after.status !== "canceled") throw conflict("already-finished", `training ${id} ended (${after.status}) before it could be canceled`);
      return c.json(after, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "post",
      path: "/{id}/resume",
      tags: ["trainings"],
      operationId: "resumeTraining",
      summary: "Resume a canceled or failed training",
      description:
        "Queues the training again; it continues from its latest checkpoint (from step 0 when it has none) with a fresh " +
        "attempt budget, and its event stream goes on with a `queued` status event. 409 names why a training cannot be " +
        "resumed: `already-succeeded`, `not-ended` (queued or running), `final-failure` (failed with diverged, " +
        "bad_config or bad_data, which a rerun repeats), `checkpoint-corrupt`.",
      request: { params: IdParams, headers: PostHeaders },
      responses: { 202: json(TrainingSchema, "Queued again."), ...problemResponses(400, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const problem = await resumeProblem(d.storage, await load(id));
      if (problem) throw problem;
      await reopenTraining(d.storage, id);
      await d.runner.resume(id);
      c.header("Location", `/v1/trainings/${id}`);
      return c.json(await load(id), 202);
    },
  );

  return app;
}
