import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, studyKeys, trainingKeys, type Storage } from "../storage/index.ts";
import { studyRunStorage } from "./run-storage.ts";

let dir: string;
let storage: Storage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-view-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("studyRunStorage", () => {
  it("maps the training's keys into the study run's directory and leaves other keys alone", async () => {
    const view = studyRunStorage(storage, "st1", "ns-s0");
    const t = trainingKeys("ns-s0");
    const s = studyKeys("st1").run("ns-s0");
    await view.putJson(t.status, { ok: 1 });
    await view.put(`${t.checkpoint(20)}manifest.json`, "m");
    await view.put("datasets/d1/meta.json", "{}");
    expect(await storage.getJson(s.status)).toEqual({ ok: 1 });
    expect(await storage.getText(`${s.prefix}checkpoints/000000020/manifest.json`)).toBe("m");
    expect(await storage.head(t.status)).toBeNull(); // nothing under trainings/
    expect(await storage.getText("datasets/d1/meta.json")).toBe("{}");
    expect(await view.getJson(t.status)).toEqual({ ok: 1 });
    expect((await view.head(t.status))?.key).toBe(t.status);
    const listed: string[] = [];
    for await (const o of view.list(t.checkpoints)) listed.push(o.key);
    expect(listed).toEqual([`${t.checkpoints}000000020/manifest.json`]);
    expect(await view.deletePrefix(t.checkpoints)).toBe(1);
    expect(await storage.head(`${s.prefix}checkpoints/000000020/manifest.json`)).toBeNull();
    // Another run of the same study is not visible through this view.
    await storage.put(studyKeys("st1").run("ns-s1").status, "x");
    expect(await view.getText(trainingKeys("ns-s1").status)).toBeNull();
  });
});
