/**
 * Test helper: the `node` binary of a given major version. The running one is used when it matches; others come
 * from the npm registry's `node-<platform>-<arch>` package (the official binary), installed once into a cache
 * directory outside the repository — never a project dependency — and reused by later runs. `GANTRY_NODE_<major>`
 * names a binary to use instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const CACHE = process.env.GANTRY_NODE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "gantry-node");

export function currentMajor(): number {
  return Number(process.versions.node.split(".")[0]);
}

/** Path of a node binary for `major`, installing it into the cache first when needed (bounded to 3 minutes). */
export function nodeBinary(major: number): string {
  if (major === currentMajor()) return process.execPath;
  // A binary named for this major (the Node 24 suite run names the host's own Node this way).
  const named = process.env[`GANTRY_NODE_${major}`];
  if (named) return named;
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = path.join(CACHE, String(major));
  const bin = path.join(prefix, "node_modules", pkg, "bin", "node");
  if (!existsSync(bin)) {
    execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, `${pkg}@${major}`], {
      stdio: "pipe",
      timeout: 180_000,
    });
  }
  return bin;
}
