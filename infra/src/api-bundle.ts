import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * How the API's Lambda bundle is made: one home for the esbuild settings and the file layout, used by the CDK
 * NodejsFunction (api-stack.ts) and by scripts/bundle-api.ts (the cold-start benchmark and the size report).
 *
 * Layout: the bundle sits at api/src/lambda.mjs, where the sources it replaces sat, so the few files the app reads
 * relative to its own module at run time resolve as in the repository: api/package.json (version), the dashboard's
 * assets (next to the bundle, "./assets/"), swagger-ui-dist and uplot in node_modules, and the tfjs wasm binaries, which
 * Emscripten loads from the bundle's directory.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const API_ENTRY = path.join(REPO_ROOT, "api", "src", "lambda.ts");
/** The bundle's path inside the asset, and the handler prefix Lambda needs for it. */
export const BUNDLE_PATH = "api/src/lambda.mjs";
export const HANDLER_PREFIX = "api/src/lambda";

/** ESM needs require, __filename and __dirname back for CommonJS dependencies and Emscripten's wasm loader. */
export const BANNER = [
  'import { createRequire as __gantryRequire } from "node:module";',
  'import { fileURLToPath as __gantryPath } from "node:url";',
  'import { dirname as __gantryDir } from "node:path";',
  "const require = __gantryRequire(import.meta.url);",
  "const __filename = __gantryPath(import.meta.url);",
  "const __dirname = __gantryDir(__filename);",
].join(" ");

/** Node 20 is what this repository's machines run; Lambda's Node 24 runs that output unchanged. */
export const TARGET = "node20";

/** Package files the app resolves at run time (served to browsers: API docs, dashboard charts), copied as they are. */
export const RUNTIME_PACKAGE_FILES: Record<string, string[]> = {
  "swagger-ui-dist": ["package.json", "swagger-ui.css", "swagger-ui-bundle.js"],
  uplot: ["package.json", "dist/uPlot.esm.js", "dist/uPlot.min.css"],
};

/**
 * Shell commands run after esbuild wrote `index.mjs` into `out`: move it into the layout and copy its run-time
 * files. Only `cp`/`mkdir`/`mv`, so they run wherever CDK bundles locally (no Docker).
 */
export function layoutCommands(out: string): string[] {
  const nm = path.join(REPO_ROOT, "node_modules");
  const wasm = path.join(nm, "@tensorflow", "tfjs-backend-wasm", "dist");
  const src = path.join(out, "api", "src");
  const packages = Object.entries(RUNTIME_PACKAGE_FILES).flatMap(([pkg, files]) =>
    files.map((f) => {
      const to = path.join(out, "node_modules", pkg, f);
      return `mkdir -p "${path.dirname(to)}" && cp "${path.join(nm, pkg, f)}" "${to}"`;
    }),
  );
  return [
    `mkdir -p "${src}"`,
    `mv "${path.join(out, "index.mjs")}" "${path.join(out, BUNDLE_PATH)}"`,
    `cp "${path.join(REPO_ROOT, "api", "package.json")}" "${path.join(out, "api", "package.json")}"`,
    `cp -R "${path.join(REPO_ROOT, "api", "src", "dashboard", "assets")}" "${path.join(src, "assets")}"`,
    // SIMD and plain builds (Lambda's x86_64 and arm64 both have SIMD; plain is the fallback the loader may pick).
    `cp "${path.join(wasm, "tfjs-backend-wasm-simd.wasm")}" "${path.join(wasm, "tfjs-backend-wasm.wasm")}" "${src}/"`,
    ...packages,
  ];
}
