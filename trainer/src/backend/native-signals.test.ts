/**
 * Signals during native kernels. oneDNN's JIT kernels must not be interrupted: before the addon held signals back
 * around each call, a process running them under `--cpu-prof` (V8 sends SIGPROF to the JS thread every sampling
 * interval) aborted with a corrupted glibc heap within a few hundred matMuls — the same hazard SIGCHLD, SIGTERM or
 * SIGINT poses to a trainer or API process mid-kernel. The fixture runs in a child process so an abort fails the test
 * instead of killing the runner.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNativeAddon } from "./native-addon.ts";

const built = loadNativeAddon().addon !== undefined;
const fixture = fileURLToPath(new URL("./native-signals.fixture.ts", import.meta.url));

// Without a built addon there is no native backend to interrupt (npm ci on a machine without oneDNN).
describe.skipIf(!built)("native kernels under a sampling profiler", () => {
  it("run 300 rounds of sgemm, convolution gradients and batch norm with SIGPROF every 100 µs, and exit cleanly", () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-prof-"));
    try {
      const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", dir, "--import", "tsx", fixture], {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, GANTRY_WASM_THREADS: "1" },
      });
      expect({ status: r.status, signal: r.signal, stderr: r.stderr.slice(-400) }).toEqual({ status: 0, signal: null, stderr: "" });
      expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual({ backend: "native", ok: true });
      // The profile was written, so the profiler really ran alongside the kernels.
      expect(readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).length).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
