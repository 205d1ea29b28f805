import * as tf from "@tensorflow/tfjs-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { openStorage, studyKeys, type Storage } from "../storage/index.ts";
import { loadPreset } from "./presets.ts";
import { runStudy } from "./runner.ts";

let dir: string;
let storage: Storage;
beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-mnist-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mnist-core-losses-tiny preset", () => {
  it("trains every loss, evaluates the LeNet image metrics and writes a report with sample grids", async () => {
    const before = tf.memory().numTensors;
    const r = await runStudy({ storage, id: "mnist-tiny", config: await loadPreset("mnist-core-losses-tiny") });
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ status: "succeeded", exitCode: 0, spawned: 10 });
    const res = r.document.results!;
    expect(res.primaryMetric).toBe("fd_lenet");
    expect(res.metrics).toEqual(expect.arrayContaining(["fd_lenet", "kid", "precision", "recall", "classes_found", "swd"]));
    for (const l of res.losses) {
      expect([l.loss, l.finished, l.failures]).toEqual([l.loss, 2, 0]);
      // Two seeds give a bootstrap interval around the mean.
      expect(l.final.fd_lenet!.n).toBe(2);
      expect(l.final.fd_lenet!.lo).toBeLessThanOrEqual(l.final.fd_lenet!.mean);
      expect(l.final.fd_lenet!.hi).toBeGreaterThanOrEqual(l.final.fd_lenet!.mean);
      // An untrained 6-step generator is far from MNIST: FD is large and positive, classes found 1..10.
      expect(l.final.fd_lenet!.mean).toBeGreaterThan(10);
      expect(l.final.fd_lenet!.mean).toBeLessThan(10_000);
      expect(l.final.classes_found!.mean).toBeGreaterThanOrEqual(1);
      expect(l.final.classes_found!.mean).toBeLessThanOrEqual(10);
      expect(l.thresholds.map((t) => t.threshold.metric)).toEqual(["fd_lenet", "classes_found"]);
    }
    expect(res.ranking).toHaveLength(5);
    for (const e of res.ranking) {
      // Each note says whether this loss's interval overlaps others', and names exactly those.
      if (e.overlapsWith.length) expect(e.note).toBe(`not distinguishable at 95 % from ${e.overlapsWith.join(", ")}`);
      else expect(e.note).toBe("interval separate from every other loss");
    }
    const md = (await storage.getText(studyKeys("mnist-tiny").summary))!;
    expect(md).toMatch(/## Ranking by final fd_lenet \(lower is better\)/);
    expect(md).toContain("| fd_lenet <= 30: reached | steps | seconds | classes_found >= 10: reached |");
    const html = (await storage.getText(studyKeys("mnist-tiny").report))!;
    // One PNG grid per loss, inlined; charts for each of the ~11 metrics plus 5 D/G charts, nothing external.
    expect(html.match(/<img class="px" alt="samples of [\w-]+" src="data:image\/png;base64,[A-Za-z0-9+/=]+">/g)).toHaveLength(5);
    expect(html.match(/<svg /g)!.length).toBe(res.metrics.length + 5);
    expect(html.replaceAll("http://www.w3.org/2000/svg", "")).not.toMatch(/https?:|<script/);
  }, 300_000);
});
