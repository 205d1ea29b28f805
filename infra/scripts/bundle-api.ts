/**
 * Builds the API's Lambda bundle exactly as the CDK NodejsFunction does (same entry, esbuild settings and layout:
 * src/api-bundle.ts) into a directory, and prints its unzipped size. Usage: tsx scripts/bundle-api.ts <out-dir>
 */
import { execSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { API_ENTRY, BANNER, layoutCommands, TARGET } from "../src/api-bundle.ts";

/** Total bytes of every file under `dir`. */
export function treeBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? treeBytes(p) : statSync(p).size;
  }
  return total;
}

export async function bundleApi(out: string): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [API_ENTRY],
    outfile: path.join(out, "index.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: TARGET,
    banner: { js: BANNER },
    ignoreAnnotations: true,
    minify: true,
    sourcemap: false,
    logLevel: "error",
  });
  for (const cmd of layoutCommands(out)) execSync(cmd, { stdio: "inherit" });
  return treeBytes(out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const out = path.resolve(process.argv[2] ?? "cdk.out/api-bundle");
  const bytes = await bundleApi(out);
  process.stdout.write(`${out}: ${(bytes / 1024 / 1024).toFixed(2)} MiB unzipped\n`);
}
