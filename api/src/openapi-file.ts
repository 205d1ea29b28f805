import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openStorage } from "@gantry/trainer/storage";
import { createApp } from "./app.ts";
import { openApiDocument } from "./openapi.ts";
import type { Runner } from "./runner/types.ts";
import { GeneratorCache } from "./services/generator-cache.ts";

/** Where the committed document lives (the SDK generates its types from it). */
export const OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "openapi.json");

const idle: Runner = {
  submit: async () => {},
  cancel: async () => false,
  resume: async () => {},
  start: async () => {},
  stop: async () => {},
  stats: () => ({ kind: "none", workers: 0, running: 0, queued: 0, finished: 0, queueOwner: null }),
};

/** The OpenAPI document as committed: pretty JSON, sorted keys, trailing newline. Touches no storage. */
export function renderOpenApi(): string {
  // Route declarations never touch deps, so an unused storage location is enough to build the app.
  const storage = openStorage(`file://${path.join(os.tmpdir(), "gantry-openapi-unused")}`);
  const generators = new GeneratorCache({ storage, budgetBytes: 0, load: () => Promise.reject(new Error("unused")) });
  const app = createApp({ storage, runner: idle, generators });
  return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
}
