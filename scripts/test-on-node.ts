/**
 * `npm run test:node24`: every package's tests under another Node major (default 24), the official binary from the
 * npm registry's `node-<platform>-<arch>` package (installed once into a cache outside the repository by the SDK's
 * test helper, the same one the packed-consumer tests use). That binary goes first on PATH, so turbo, npm, vitest,
 * tsx and every process they spawn run on it.
 *
 *   npx tsx scripts/test-on-node.ts [major] [turbo args…]
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { currentMajor, nodeBinary } from "../sdk/src/testing/node-binaries.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [majorArg, ...turboArgs] = process.argv.slice(2);
const major = Number(majorArg ?? 24);
if (!Number.isInteger(major) || major < 20) {
  process.stderr.write(`test-on-node: expected a Node major version (20 or later), got ${JSON.stringify(majorArg)}\n`);
  process.exit(2);
}
const bin = nodeBinary(major);
// The SDK's packed-consumer test runs Node 20, 22 and 24 binaries. Fetch them here, with the host's own Node and npm:
// an official Node binary does not use the host's OpenSSL trust settings, so behind a TLS-inspecting proxy its npm
// can fail to reach the registry (seen: SELF_SIGNED_CERT_IN_CHAIN under Node 24) where the host's npm succeeds. The
// host's own major is named by GANTRY_NODE_<major>, since it is not in the cache.
for (const m of [20, 22, 24]) nodeBinary(m);
const env = {
  ...process.env,
  [`GANTRY_NODE_${currentMajor()}`]: process.execPath,
  PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH ?? ""}`,
};
process.stderr.write(`test-on-node: ${bin}\n`);
const child = spawn(path.join(root, "node_modules", ".bin", "turbo"), ["run", "test", "--concurrency=1", "--continue", ...turboArgs], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 143)));
