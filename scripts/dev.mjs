#!/usr/bin/env node
/**
 * `npm start` and `npm test` on a fresh clone: install what is missing, then run. Plain Node with no dependencies,
 * because it must work before `npm ci` has put turbo, tsx or anything else in node_modules.
 *
 *   node scripts/dev.mjs start   the API and dashboard (api/src/server.ts), signals forwarded to it
 *   node scripts/dev.mjs test    every package's tests through turbo (what .ci/run calls)
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const say = (line) => process.stderr.write(`gantry: ${line}\n`);

/** npm writes node_modules/.package-lock.json on every install; older than package-lock.json means stale. */
function installIfStale() {
  const lock = join(root, "package-lock.json");
  const installed = join(root, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  say(existsSync(installed) ? "package-lock.json changed since the last install: npm ci" : "no node_modules yet: npm ci");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    say(`npm ci failed (exit ${r.status ?? r.signal}); fix the message above and run the command again`);
    process.exit(r.status ?? 1);
  }
}

/** The browser tests drive Debian's Chromium (never a browser download): install it where we may, else say so once. */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canApt) {
    say("Chromium is missing: apt-get install chromium (the dashboard tests drive it)");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (r.status === 0 && existsSync(chromium)) return;
  }
  say(
    `no Chromium at ${chromium}: the browser tests in test/ will fail — install Debian's chromium (as root: apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
}

/** Runs the command in the foreground; SIGINT/SIGTERM reach it, and we leave with its exit status. */
function run(cmd, args, cwd) {
  const child = spawn(cmd, args, { cwd, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 143)));
}

const bin = (name) => join(root, "node_modules", ".bin", name);
const what = process.argv[2];
if (what !== "start" && what !== "test") {
  say("usage: node scripts/dev.mjs start|test");
  process.exit(2);
}
installIfStale();
if (what === "test") {
  ensureChromium();
  run(bin("turbo"), ["run", "test", "--concurrency=1", "--continue", ...process.argv.slice(3)], root);
} else {
  // Straight to the server (no turbo in between) so that Ctrl-C and SIGTERM reach it and it stops its jobs. From the
  // repository root: the default storage, file://./.gantry, is relative to the working directory.
  run(bin("tsx"), ["api/src/server.ts"], root);
}
