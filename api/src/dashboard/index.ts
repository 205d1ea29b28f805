import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import { resolveConfig } from "@gantry/trainer";
import {
  JOB_EVENT_TYPES,
  LOSS_NAMES,
  STUDY_RUN_ACTIVE_STATES,
  STUDY_STATES,
  STUDY_TERMINAL_STATES,
  TERMINAL_STATES,
  TRAINING_STATES,
  parseTrainingConfig,
} from "@gantry/core";
import { BUILTIN_DATASET_INFO } from "@gantry/trainer/data";
import { PRESETS_DIR, listPresets } from "@gantry/trainer/study";

/**
 * The dashboard: one static HTML page plus plain ES modules and CSS under /assets/, read from ./assets once at
 * startup. No build step: the browser runs the files as written. The one third-party module, the uPlot chart
 * library, is served from the installed (exact-pinned) package under /assets/vendor/, never from a CDN.
 */

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * Same-origin only. Blob images carry samples fetched with an API key; inline SVG charts are built through the DOM,
 * so neither needs 'unsafe-inline'.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

interface Asset {
  body: string;
  type: string;
}

const ASSET_DIR = new URL("./assets/", import.meta.url);
const require = createRequire(import.meta.url);

/**
 * Vendored browser modules by served name. uPlot rather than Observable Plot: live curves append a point many times a
 * second, which uPlot redraws on a canvas in well under a millisecond with hover values built in, at ~50 kB and no
 * dependencies; Plot re-renders a whole SVG per update and brings d3 along.
 */
const VENDOR: Record<string, string> = {
  "uplot.js": "uplot/dist/uPlot.esm.js",
  "uplot.css": "uplot/dist/uPlot.min.css",
};

/** Every file of ./assets (subfolders included) by its path below it, plus the generated config module. */
export function loadAssets(dir: URL = ASSET_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(new URL(sub, dir), { withFileTypes: true })) {
      const rel = `${sub}${entry.name}`;
      if (entry.isDirectory()) walk(`${rel}/`);
      else if (!entry.name.endsWith(".d.ts") && !entry.name.endsWith(".test.ts")) {
        const type = TYPES[entry.name.slice(entry.name.lastIndexOf("."))];
        if (type) assets.set(rel, { body: readFileSync(new URL(rel, dir), "utf8"), type });
      }
    }
  };
  walk("");
  for (const [name, file] of Object.entries(VENDOR)) {
    assets.set(`vendor/${name}`, { body: readFileSync(require.resolve(file), "utf8"), type: TYPES[name.slice(name.lastIndexOf("."))]! });
  }
  // The loss list, the defaults, the training states and the event types come from core / the trainer, so the pages
  // never offer a loss the API rejects, estimate from defaults the trainer does not use, or re-declare a contract.
  assets.set("config.js", {
    body:
      `export const LOSSES = ${JSON.stringify(LOSS_NAMES)};\nexport const COSTS = ${JSON.stringify(costTables())};\n` +
      `export const STUDY_PRESETS = ${JSON.stringify(studyPresets())};\n` +
      `export const TRAINING_STATES = ${JSON.stringify(TRAINING_STATES)};\nexport const TERMINAL_STATES = ${JSON.stringify([...TERMINAL_STATES])};\n` +
      `export const EVENT_TYPES = ${JSON.stringify(JOB_EVENT_TYPES)};\n` +
      `export const STUDY_STATES = ${JSON.stringify(STUDY_STATES)};\n` +
      `export const STUDY_TERMINAL_STATES = ${JSON.stringify([...STUDY_TERMINAL_STATES])};\n` +
      `export const STUDY_RUN_ACTIVE_STATES = ${JSON.stringify([...STUDY_RUN_ACTIVE_STATES])};\n`,
    type: TYPES[".js"]!,
  });
  return assets;
}

/**
 * What the trainer fills in, as the start form's duration estimate (assets/estimate.js) needs it for any dataset,
 * uploads included: each loss's nCritic and whether its preset has a gradient penalty, each architecture's default
 * latent size and widths, and the default batch size and steps.
 */
export function costTables(): Record<string, unknown> {
  const resolve = (data: string, loss: string, arch?: "mlp" | "dcgan") =>
    resolveConfig(
      parseTrainingConfig({ data: { name: data }, loss: { name: loss }, ...(arch ? { model: { arch } } : {}) }),
      BUILTIN_DATASET_INFO[data]!,
    );
  const losses: Record<string, { nCritic: number; penalty: boolean }> = {};
  for (const loss of LOSS_NAMES) {
    const r = resolve("ring8", loss);
    losses[loss] = { nCritic: r.nCritic, penalty: r.regularizers.some((x) => x.type !== "clip") };
  }
  const archs: Record<string, { zDim: number; gHidden: number[]; dHidden: number[] }> = {};
  for (const r of [resolve("ring8", "ns"), resolve("mnist", "ns", "mlp"), resolve("mnist", "ns", "dcgan")]) {
    archs[r.model.arch] = { zDim: r.model.zDim, gHidden: r.model.gHidden, dHidden: r.model.dHidden };
  }
  const d = resolve("ring8", "ns");
  return { losses, archs, batchSize: d.batchSize, steps: d.steps };
}

/** The bundled study presets (trainer/studies/*.json) by name, for the study form's preset menu. */
function studyPresets(): Record<string, unknown> {
  return Object.fromEntries(listPresets().map((name) => [name, JSON.parse(readFileSync(`${PRESETS_DIR}${name}.json`, "utf8")) as unknown]));
}

let cached: Map<string, Asset> | null = null;
// createApp runs once per test app; the files only need reading once per process.
const defaultAssets = (): Map<string, Asset> => (cached ??= loadAssets());

const headers = (type: string): Record<string, string> => ({
  "Content-Type": type,
  "Content-Security-Policy": DASHBOARD_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  // Small files that change with every deploy: revalidation is cheap and never serves a stale mix of modules.
  "Cache-Control": "no-cache",
});

/**
 * The dashboard sub-app: GET / (the page) and GET /assets/<file>. Mount at the root. Headers are set per
 * response, not by middleware, so nothing leaks onto the API's own routes.
 */
export function dashboardRoutes(assets: Map<string, Asset> = defaultAssets()): Hono {
  const app = new Hono();
  const page = assets.get("index.html");
  if (!page) throw new Error("dashboard: assets/index.html is missing");
  app.get("/", (c) => c.body(page.body, 200, headers(page.type)));
  app.get("/assets/*", (c) => {
    const rel = c.req.path.slice("/assets/".length);
    const asset = rel === "index.html" ? undefined : assets.get(rel);
    if (!asset) {
      return c.body(`no dashboard asset ${rel}`, 404, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
    }
    return c.body(asset.body, 200, headers(asset.type));
  });
  return app;
}
