import { z } from "@hono/zod-openapi";
import { isStudyTerminal } from "@gantry/core";
import type { ResolvedDeps, StudiesService } from "../deps.ts";
import { Problem, notFound, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute, validationResponses } from "../http/route.ts";
import { IdParams, decodeCursor, encodeCursor } from "../schemas/common.ts";
import { ListStudiesQuery, ReportQuery, StudyPage, StudySchema, StudySpec } from "../schemas/study.ts";
import { listStudyIds } from "../services/study-store.ts";
import { paginate } from "../services/training-store.ts";
import { checkWebhook } from "../webhooks/notifier.ts";
import { PostHeaders } from "./trainings.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/**
 * /v1/studies: declared here, implemented by the study engine behind `deps.studies`. Without one, every route is a
 * 501 problem — never invented results.
 */
export function studiesRoutes(d: ResolvedDeps) {
  const app = newRouter();
  const service = (): StudiesService => {
    if (!d.studies) throw new Problem(501, "studies-unavailable", "Not Implemented", "studies are not available in this deployment");
    return d.studies;
  };

  app.openapi(
    securedRoute("train", {
      method: "post",
      path: "/",
      tags: ["studies"],
      operationId: "createStudy",
      summary: "Start a study",
      request: { headers: PostHeaders, body: { required: true, content: { "application/json": { schema: StudySpec } } } },
      responses: { 202: json(StudySchema, "Accepted."), ...validationResponses(true), ...problemResponses(501) },
    }),
    async (c) => {
      const { webhook, webhookEventsFilter, ...spec } = c.req.valid("json");
      const target = checkWebhook(d.webhooks, { webhook, webhookEventsFilter });
      const studies = service();
      const study = await studies.create(spec);
      // A study that ends "interrupted" resumes on the next start; core's terminal study states are final.
      if (target) d.webhooks?.watch({ kind: "study", id: study.id, read: () => studies.get(study.id), ended: isStudyTerminal }, target);
      c.header("Location", `/v1/studies/${study.id}`);
      return c.json(study, 202);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/",
      tags: ["studies"],
      operationId: "listStudies",
      summary: "List studies, newest first",
      description: "Studies stored in this deployment's storage, by id descending (generated ids sort by creation time).",
      request: { query: ListStudiesQuery },
      responses: { 200: json(StudyPage, "One page of studies."), ...validationResponses(false), ...problemResponses(501) },
    }),
    async (c) => {
      const studies = service();
      const q = c.req.valid("query");
      const page = await paginate(await listStudyIds(d.storage), true, decodeCursor(q.cursor), q.limit, (id) => studies.get(id));
      return c.json({ data: page.data, nextCursor: page.last === null ? null : encodeCursor(page.last) }, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}",
      tags: ["studies"],
      operationId: "getStudy",
      summary: "Get a study",
      request: { params: IdParams },
      responses: { 200: json(StudySchema, "The study."), ...problemResponses(400, 404, 501) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const study = await service().get(id);
      if (!study) throw notFound(`study ${id}`);
      return c.json(study, 200);
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}/report",
      tags: ["studies"],
      operationId: "getStudyReport",
      summary: "A study's report",
      request: { params: IdParams, query: ReportQuery },
      responses: {
        200: { description: "The report.", content: { "text/html": { schema: z.string() }, "text/markdown": { schema: z.string() } } },
        ...problemResponses(400, 404, 501),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { format } = c.req.valid("query");
      const report = await service().report(id, format);
      if (report === null) throw notFound(`report of study ${id}`);
      c.header("Content-Type", format === "html" ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8");
      return c.body(report, 200);
    },
  );

  return app;
}
