/**
 * Generates src/generated/openapi.ts from ../api/openapi.json with openapi-typescript.
 *   npx tsx scripts/generate.ts          write the file
 *   npx tsx scripts/generate.ts --check  exit 1 when the committed file is stale (CI)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const SDK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SPEC_FILE = path.resolve(SDK_ROOT, "..", "api", "openapi.json");
export const OUT_FILE = path.resolve(SDK_ROOT, "src", "generated", "openapi.ts");

const HEADER = `// generated — do not edit.
// Source: api/openapi.json. Regenerate with \`npx tsx scripts/generate.ts\` in sdk/ (\`--check\` verifies it is fresh).
/* eslint-disable */

`;

/** The generated module's text for the current api/openapi.json. */
export async function renderTypes(specFile: string = SPEC_FILE): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specFile), {
    // One TrainingConfig schema serves both the request body and responses; with defaults treated as required,
    // a request would have to spell out every defaulted field. Optional is right for requests and harmless for
    // responses (the server always fills defaults in).
    defaultNonNullable: false,
    silent: true,
  });
  return HEADER + astToString(ast);
}

/** True when OUT_FILE matches what renderTypes() produces. */
export async function isFresh(): Promise<boolean> {
  let current = "";
  try {
    current = readFileSync(OUT_FILE, "utf8");
  } catch {
    return false;
  }
  return current === (await renderTypes());
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--check")) {
    if (await isFresh()) {
      console.log(`${path.relative(process.cwd(), OUT_FILE)} is up to date`);
      return 0;
    }
    console.error(`${path.relative(process.cwd(), OUT_FILE)} is stale: run \`npx tsx scripts/generate.ts\` in sdk/`);
    return 1;
  }
  writeFileSync(OUT_FILE, await renderTypes());
  console.log(`wrote ${path.relative(process.cwd(), OUT_FILE)}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
