// Builds the optional native kernels (oneDNN) at install time. Never fails the install: without a
// compiler, Node's headers or libdnnl-dev the build is skipped with one line, and the trainer
// runs on wasm (it logs why when it starts). GANTRY_NATIVE=0 skips the build on purpose.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const log = join(here, "build.log");

function skip(reason) {
  console.log(`gantry: native kernels not built (${reason}); training will use wasm. Details: ${log}`);
  process.exit(0);
}

if (process.env.GANTRY_NATIVE === "0") skip("GANTRY_NATIVE=0");
if (process.platform !== "linux") skip(`only built on Linux, this is ${process.platform}`);

// npm hands lifecycle scripts its bundled node-gyp; outside npm, look next to this node.
const prefix = dirname(dirname(process.execPath));
const candidates = [process.env.npm_config_node_gyp, join(prefix, "lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js")];
const gyp = candidates.find((p) => p && existsSync(p));
if (!gyp) skip("node-gyp not found");
// Node's own headers when the distribution ships them, so the build never downloads any.
const args = [gyp, "rebuild", "--release"];
if (existsSync(join(prefix, "include/node/node_api.h"))) args.push(`--nodedir=${prefix}`);
const r = spawnSync(process.execPath, args, { cwd: here, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "warn" } });
writeFileSync(log, `${r.stdout ?? ""}\n${r.stderr ?? ""}\n${r.error ?? ""}`);
if (r.status !== 0) {
  const text = `${r.stderr ?? ""}${r.stdout ?? ""}`;
  const missing = /fatal error: (\S+): No such file/.exec(text);
  skip(missing ? `missing ${missing[1]}; on Debian: apt-get install libdnnl-dev` : r.error ? String(r.error) : `node-gyp exited ${r.status}`);
}
console.log("gantry: native kernels built (oneDNN)");
