import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "@gantry/core";
import { openStorage, studyKeys, type Storage } from "../storage/index.ts";
import { createStudyService } from "./service.ts";
import type { StudyDocument } from "./state.ts";
import { fakeSpawner } from "./testing.ts";

/** The API's StudiesService (api/src/deps.ts), restated: the trainer cannot import the API package. */
interface ApiStudiesService {
  create(spec: Record<string, unknown>): Promise<{ id: string; status: string; [k: string]: unknown }>;
  get(id: string): Promise<{ id: string; status: string; [k: string]: unknown } | null>;
  report(id: string, format: "html" | "markdown"): Promise<string | null>;
}

const SPEC = { data: { name: "ring8" }, losses: ["ns", "lsgan"], seeds: 2, steps: 20, workers: 2 };

let dir: string;
let storage: Storage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-service-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createStudyService", () => {
  it("creates (validating), runs in the background, and serves the document and both reports", async () => {
    const fake = fakeSpawner(storage, 20, () => ({ kind: "succeed", swd: 0.5 }));
    let n = 0;
    const svc = createStudyService({ storage, spawnRun: fake.spawn, samples: false, newId: () => `st-${++n}` });
    const asApi: ApiStudiesService = svc; // compile-time: the service plugs into deps.studies as is
    expect(typeof asApi.report).toBe("function");
    await expect(svc.create({ ...SPEC, losses: ["ns", "nope"] })).rejects.toThrow(ConfigError);
    const err = await svc.create({ ...SPEC, extra: 1 }).catch((e: ConfigError) => e);
    expect((err as ConfigError).issues).toEqual([{ path: "extra", message: "unknown key" }]);

    const view = await svc.create(SPEC);
    expect(view).toMatchObject({ id: "st-1", status: "queued", progress: { total: 4, done: 0 } });
    expect(view.runs.map((r) => r.runId)).toEqual(["ns-s0", "lsgan-s0", "ns-s1", "lsgan-s1"]);
    expect(await svc.get("st-1")).toMatchObject({ id: "st-1" }); // stored before it starts
    await svc.idle();
    const done = (await svc.get("st-1"))!;
    expect(done).toMatchObject({ status: "succeeded", progress: { done: 4 } });
    expect(done.results?.losses.map((l) => l.final.swd?.mean)).toEqual([0.5, 0.5]);
    expect(await svc.report("st-1", "markdown")).toMatch(/^# Study st-1/);
    expect(await svc.report("st-1", "html")).toMatch(/^<!doctype html>/);
    expect(await svc.get("st-9")).toBeNull();
    expect(await svc.get("../etc")).toBeNull();
    expect(await svc.report("st-9", "html")).toBeNull();
    expect(await svc.report("a/b", "html")).toBeNull();
    await svc.close();
  });

  it("resumes unfinished studies found in storage and leaves ended ones alone", async () => {
    const fake = fakeSpawner(storage, 20, () => ({ kind: "succeed", swd: 0.25 }));
    // A study left "running" by a process that died: its document exists, its runs never started.
    const seed = createStudyService({ storage, spawnRun: fake.spawn, samples: false, newId: () => "st-left" });
    const doc = await seed.create(SPEC);
    await seed.close(); // aborts at once: the study ends interrupted
    const stored = (await storage.getJson<StudyDocument>(studyKeys("st-left").study))!;
    expect(["queued", "interrupted"]).toContain(stored.status);
    expect(doc.id).toBe("st-left");

    const svc = createStudyService({ storage, spawnRun: fake.spawn, samples: false });
    expect(await svc.resumeUnfinished()).toEqual(["st-left"]); // st-1 succeeded earlier
    await svc.idle();
    expect(await svc.get("st-left")).toMatchObject({ status: "succeeded", progress: { done: 4 } });
    await svc.close();
  });
});
