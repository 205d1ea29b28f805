import { loadGenerator } from "../checkpoint/inference.ts";
import { isToy2D, openDataset, type Dataset } from "../data/index.ts";
import { imageGridPng } from "../job/sample-art.ts";
import { datasetKeys, studyKeys, type Storage } from "../storage/index.ts";
import type { ResolvedStudyConfig } from "./config.ts";
import type { StudyRunRecord } from "./state.ts";
import { scatterPlot } from "./svg/index.ts";

/** The final samples of one loss, ready to inline in HTML. */
export interface SampleFigure {
  loss: string;
  runId: string;
  step: number;
  /** Inline SVG scatter (2-D and tabular data). */
  svg?: string;
  /** data: URI of a PNG grid (images). */
  png?: string;
  /** Why there is no figure. */
  note?: string;
}

const POINTS = 1000;
const GRID = 36;
/** Latent / data seed of every figure, so figures of different losses show the same latents and real points. */
const SEED = 20_240_601;

/** Real points drawn under each scatter (first two coordinates per sample). */
async function realPoints(storage: Storage, cfg: ResolvedStudyConfig): Promise<{ ds: Dataset; data: Float32Array }> {
  const ds = await openDataset(
    { name: cfg.data.name, ...(cfg.data.classes ? { classes: cfg.data.classes } : {}) },
    { loadUpload: (u) => storage.get(datasetKeys(u).data) },
  );
  return { ds, data: ds.take(POINTS, { seed: SEED }).data };
}

/**
 * One figure per loss from the final checkpoint of its first finished seed: a scatter of generated over real points
 * for 2-D / tabular data, a PNG grid for images. Initialises a tfjs backend in this process (the config's, else
 * env/auto) and disposes every generator it loads.
 */
export async function finalSamples(
  storage: Storage,
  id: string,
  cfg: ResolvedStudyConfig,
  records: readonly StudyRunRecord[],
): Promise<SampleFigure[]> {
  const { initBackend } = await import("../backend/index.ts");
  await initBackend(cfg.backend === "auto" ? undefined : cfg.backend);
  let real: { ds: Dataset; data: Float32Array } | null = null;
  const out: SampleFigure[] = [];
  for (const loss of cfg.losses) {
    const rec = records.find((r) => r.loss === loss && r.status === "succeeded");
    if (!rec) {
      out.push({ loss, runId: "", step: 0, note: "no finished run" });
      continue;
    }
    let gen;
    try {
      gen = await loadGenerator(storage, studyKeys(id).run(rec.runId), "latest");
    } catch (err) {
      out.push({ loss, runId: rec.runId, step: 0, note: `no generator: ${(err as Error).message}` });
      continue;
    }
    try {
      const shape = gen.sampleShape;
      const dim = shape.reduce((a, b) => a * b, 1);
      const isImage = shape.length === 3 || (shape.length === 1 && dim > 2 && Number.isInteger(Math.sqrt(dim)));
      if (isImage) {
        const s = gen.sample({ n: GRID, seed: SEED });
        const png = imageGridPng(s.data, GRID, shape);
        out.push({ loss, runId: rec.runId, step: gen.step, png: `data:image/png;base64,${Buffer.from(png).toString("base64")}` });
        continue;
      }
      if (dim < 2) {
        out.push({ loss, runId: rec.runId, step: gen.step, note: "1-D samples are not drawn" });
        continue;
      }
      real ??= await realPoints(storage, cfg);
      const s = gen.sample({ n: POINTS, seed: SEED });
      const svg = scatterPlot({
        title: `${loss} · ${rec.runId} · step ${gen.step}`,
        layers: [
          { label: "real", points: real.data, stride: dim, colour: "#9a9a9a", opacity: 0.35 },
          { label: "generated", points: s.data, stride: dim, colour: "#d55e00", opacity: 0.6 },
        ],
        range: real.ds.info.range,
        ...(isToy2D(real.ds) && real.ds.modes.length ? { markers: real.ds.modes } : {}),
      });
      out.push({ loss, runId: rec.runId, step: gen.step, svg });
    } finally {
      gen.dispose();
    }
  }
  return out;
}
