import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { ConfigError } from "@gantry/core";
import { studyKeys, type Storage } from "@gantry/trainer/storage";
import type { StudiesService, StudyView } from "../deps.ts";
import { StudyPage, StudySchema } from "../schemas/study.ts";
import { call, expectProblem, tempStorage, testApp, type TestApp } from "../test-support.ts";

/**
 * In-memory stand-in for the study engine (the real one, @gantry/trainer/study, is wired in serve.ts). Like the real
 * one it also stores each study as studies/<id>/study.json when given a storage, which is what the list reads.
 */
function memoryStudies(storage?: Storage): StudiesService {
  const studies = new Map<string, StudyView>();
  return {
    async create(spec) {
      if (!Array.isArray(spec.losses)) throw new ConfigError([{ path: "losses", message: "expected an array" }]);
      const s: StudyView = { id: `s-${studies.size + 1}`, status: "queued", spec };
      studies.set(s.id, s);
      await storage?.putJson(studyKeys(s.id).study, s);
      return s;
    },
    async get(id) {
      return studies.get(id) ?? null;
    },
    async report(id, format) {
      return studies.has(id) ? (format === "html" ? "<h1>report</h1>" : "# report") : null;
    },
  };
}

describe("/v1/studies", () => {
  let t: TestApp | undefined;
  afterEach(() => t?.cleanup());

  it("answers 501 on every route when no study engine is configured", async () => {
    t = testApp();
    await expectProblem(await call(t.app, "POST", "/v1/studies", { body: { losses: ["ns"] } }), 501);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-1"), 501);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-1/report"), 501);
    await expectProblem(await call(t.app, "GET", "/v1/studies"), 501);
  });

  it("delegates to deps.studies: create, get, report, and its validation errors", async () => {
    t = testApp({ studies: memoryStudies() });
    const res = await call(t.app, "POST", "/v1/studies", { body: { losses: ["ns", "hinge"] } });
    expect(res.status).toBe(202);
    const study = StudySchema.parse(await res.json());
    expect(res.headers.get("location")).toBe(`/v1/studies/${study.id}`);
    expect(StudySchema.parse(await (await call(t.app, "GET", `/v1/studies/${study.id}`)).json())).toEqual(study);
    const html = await call(t.app, "GET", `/v1/studies/${study.id}/report`);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toBe("<h1>report</h1>");
    expect(await (await call(t.app, "GET", `/v1/studies/${study.id}/report?format=markdown`)).text()).toBe("# report");
    await expectProblem(await call(t.app, "POST", "/v1/studies", { body: { losses: "ns" } }), 422, ["body.losses"]);
    await expectProblem(await call(t.app, "POST", "/v1/studies", { body: [1] }), 422, ["body"]);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-9"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-9/report"), 404);
    await expectProblem(await call(t.app, "GET", `/v1/studies/${study.id}/report?format=pdf`), 400, ["query.format"]);
  });

  it("lists stored studies newest first over cursor pages, through the engine's documents", async () => {
    const { storage, cleanup } = tempStorage();
    onTestFinished(cleanup);
    t = testApp({ storage, studies: memoryStudies(storage) });
    for (const losses of [["ns"], ["hinge"], ["lsgan"]]) expect((await call(t.app, "POST", "/v1/studies", { body: { losses } })).status).toBe(202);
    // Files of a study's runs and a study.json the engine does not know are not listed.
    await storage.putJson("studies/s-1/runs/ns-s0/status.json", { status: "running" });
    await storage.putJson(studyKeys("s-9").study, { id: "s-9", status: "queued" });
    const p1 = StudyPage.parse(await (await call(t.app, "GET", "/v1/studies?limit=2")).json());
    expect(p1.data.map((s) => [s.id, s.status])).toEqual([
      ["s-3", "queued"],
      ["s-2", "queued"],
    ]);
    expect(p1.data[0]).toMatchObject({ spec: { losses: ["lsgan"] } });
    const p2 = StudyPage.parse(await (await call(t.app, "GET", `/v1/studies?limit=2&cursor=${p1.nextCursor}`)).json());
    expect(p2.data.map((s) => s.id)).toEqual(["s-1"]);
    expect(p2.nextCursor).toBeNull();
    await expectProblem(await call(t.app, "GET", "/v1/studies?limit=0"), 400, ["query.limit"]);
  });
});
