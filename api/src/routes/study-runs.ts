import { z } from "@hono/zod-openapi";
import type { StudyRunState } from "@gantry/core";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { storageUnavailable, studyKeys } from "@gantry/trainer/storage";
import { canonicalMetric, collectRuns, metricBand, type StudyRun } from "@gantry/trainer/study";
import type { ResolvedDeps, StudiesService, StudyView } from "../deps.ts";
import { Problem, conflict, notFound, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute } from "../http/route.ts";
import { IdParams } from "../schemas/common.ts";
import { SamplesPngQuery } from "../schemas/sample.ts";
import { StudyCurvesQuery, StudyCurvesSchema, StudyRunParams, StudyRunSchema } from "../schemas/study-run.ts";
import { MetricsQuery, MetricsResponse } from "../schemas/training.ts";
import { renderSamples } from "../services/sampling.ts";
import { readMetricLines } from "../services/training-store.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** A run as study.json records it (the study engine's StudyRunRecord; only what these routes read). */
interface RunRecord {
  runId: string;
  loss: StudyRun["loss"];
  seed: number;
  trial?: number | null;
  status: StudyRunState;
  step: number;
  steps: number;
  error: { code: string; message: string } | null;
}

const records = (study: StudyView): RunRecord[] => (Array.isArray(study.runs) ? (study.runs as RunRecord[]) : []);

/**
 * A study's runs as pages a user can open, read from the files each run wrote under the study
 * (studies/<id>/runs/<runId>/, the trainings layout). Study runs are not made trainings: their ids are unique only
 * within a study, they are started, resumed and canceled by the study engine rather than the training runner, and
 * listing them among trainings would mix a study's grid into a user's own runs.
 */
export function studyRunsRoutes(d: ResolvedDeps) {
  const app = newRouter();
  const service = (): StudiesService => {
    if (!d.studies) throw new Problem(501, "studies-unavailable", "Not Implemented", "studies are not available in this deployment");
    return d.studies;
  };
  const loadStudy = async (id: string): Promise<StudyView> => {
    const study = await service().get(id);
    if (!study) throw notFound(`study ${id}`);
    return study;
  };
  const loadRun = async (id: string, runId: string): Promise<RunRecord> => {
    const run = records(await loadStudy(id)).find((r) => r.runId === runId);
    if (!run) throw notFound(`run ${runId} of study ${id}`);
    return run;
  };

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}/curves",
      tags: ["studies"],
      operationId: "getStudyCurves",
      summary: "A metric against step per loss, with bands over seeds",
      request: { params: IdParams, query: StudyCurvesQuery },
      responses: { 200: json(StudyCurvesSchema, "Mean and 95 % CI over seeds per evaluated step."), ...problemResponses(400, 404, 501) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const study = await loadStudy(id);
      const config = study.config as { primaryMetric?: string } | undefined;
      const metric = canonicalMetric(c.req.valid("query").metric ?? config?.primaryMetric ?? "swd");
      const recs = records(study);
      const runs = await collectRuns(
        d.storage,
        id,
        recs.map((r) => ({ runId: r.runId, loss: r.loss, seed: r.seed, trial: null })),
      );
      // One band per loss; in a tuning study per loss and trial, since different trials are different settings.
      const groups = new Map<string, typeof runs>();
      runs.forEach((r, i) => {
        const key = JSON.stringify([r.loss, recs[i]!.trial ?? null]);
        groups.set(key, [...(groups.get(key) ?? []), r]);
      });
      return c.json(
        {
          metric,
          groups: [...groups.entries()].map(([key, rs], i) => {
            const [loss, trial] = JSON.parse(key) as [string, number | null];
            return { loss, trial, runIds: rs.map((r) => r.runId), points: metricBand(rs, metric, 1000 * i + 1) };
          }),
        },
        200,
      );
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}/runs/{runId}",
      tags: ["studies"],
      operationId: "getStudyRun",
      summary: "One run of a study",
      request: { params: StudyRunParams },
      responses: { 200: json(StudyRunSchema, "The run."), ...problemResponses(400, 404, 501) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      const run = await loadRun(id, runId);
      const keys = studyKeys(id).run(runId);
      const [config, latest, lines] = await Promise.all([
        d.storage.getJson<Record<string, unknown>>(keys.config),
        d.storage.getJson<{ step: number }>(keys.latest),
        readMetricLines(d.storage, keys.metrics),
      ]);
      const last = lines.findLast((l) => l.eval && typeof l.eval === "object");
      return c.json(
        {
          studyId: id,
          runId,
          loss: run.loss,
          seed: run.seed,
          trial: run.trial ?? null,
          status: run.status,
          step: run.step,
          steps: run.steps,
          error: run.error,
          config,
          final: last ? { step: last.step, values: last.eval as Record<string, number | null> } : null,
          checkpointStep: latest?.step ?? null,
        },
        200,
      );
    },
  );

  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}/runs/{runId}/metrics",
      tags: ["studies"],
      operationId: "getStudyRunMetrics",
      summary: "Logged metrics of a study run",
      request: { params: StudyRunParams, query: MetricsQuery },
      responses: { 200: json(MetricsResponse, "metrics.jsonl lines in step order."), ...problemResponses(400, 404, 501) },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      await loadRun(id, runId);
      return c.json({ data: await readMetricLines(d.storage, studyKeys(id).run(runId).metrics, c.req.valid("query").since) }, 200);
    },
  );

  app.openapi(
    securedRoute("sample", {
      method: "get",
      path: "/{id}/runs/{runId}/samples.png",
      tags: ["studies"],
      operationId: "getStudyRunSamplesPng",
      summary: "Sample a study run's generator as a PNG",
      description: "Image grid or 2-D scatter from the run's checkpoint (studies keep only the newest, so `version` is normally `latest`).",
      request: { params: StudyRunParams, query: SamplesPngQuery },
      responses: {
        200: { description: "PNG image grid or 2-D scatter plot.", content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } } },
        ...problemResponses(400, 404, 409, 422, 501),
      },
    }),
    async (c) => {
      const { id, runId } = c.req.valid("param");
      const q = c.req.valid("query");
      await loadRun(id, runId);
      const seed = q.seed ?? 1;
      // Loaded per request, not through the models' generator cache (keyed by training id): a study page asks for
      // one picture per loss, and these generators are study-sized (small MLPs or a DCGAN of a few MB).
      let gen;
      try {
        gen = await loadGenerator(d.storage, studyKeys(id).run(runId), q.version);
      } catch (err) {
        if (!(err instanceof Error) || err.name !== "CheckpointError" || storageUnavailable(err)) throw err;
        if (typeof q.version === "number") throw notFound(`version ${q.version} of run ${runId} of study ${id}`);
        throw conflict("model-not-ready", `run ${runId} of study ${id} has no checkpoint yet`);
      }
      try {
        const out = renderSamples(gen.sample({ n: q.n, seed, truncation: q.truncation }), "png", { seed, version: gen.step });
        c.header("X-Gantry-Seed", String(seed));
        c.header("X-Gantry-Version", String(gen.step));
        c.header("Content-Type", out.contentType);
        return c.body(typeof out.body === "string" ? out.body : new Uint8Array(out.body), 200);
      } finally {
        gen.dispose();
      }
    },
  );
  return app;
}
