/**
 * Opt-in wasm threading (GANTRY_WASM_THREADS). The thread count is fixed when the wasm module
 * starts, so the threaded run happens in a child process and is compared with this process's
 * single-threaded results (same kernels: identical up to float32 summation order, 1e-6).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectNoLeak } from "./grad-check.ts";
import { initBackend } from "./index.ts";
import { probeValues } from "./wasm-threads.fixture.ts";
import { requestedWasmThreads } from "./wasm-threads.ts";

describe("GANTRY_WASM_THREADS", () => {
  it("defaults to 1 and rejects values outside 1..8, naming the variable", () => {
    expect(requestedWasmThreads({})).toBe(1);
    expect(requestedWasmThreads({ GANTRY_WASM_THREADS: " 4 " })).toBe(4);
    for (const bad of ["0", "9", "two", "1.5"]) {
      expect(() => requestedWasmThreads({ GANTRY_WASM_THREADS: bad })).toThrow(/GANTRY_WASM_THREADS.*1 to 8/);
    }
  });

  it("runs the threaded-simd module with 2 threads and matches single-threaded results", async () => {
    const info = await initBackend("wasm");
    expect(info.detail).toMatch(/, 1 thread$/);
    const single = await expectNoLeak(probeValues);
    const fixture = fileURLToPath(new URL("./wasm-threads.fixture.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", fixture], {
      env: { ...process.env, GANTRY_WASM_THREADS: "2" },
      encoding: "utf8",
      timeout: 60_000,
    });
    const child = JSON.parse(out.trim().split("\n").pop()!) as { detail: string; fusedAdam: boolean; values: number[] };
    expect(child.detail).toMatch(/^wasm simd, 2 threads \(threaded-simd build/);
    expect(child.fusedAdam).toBe(true); // the SIMD Adam also binds to the threaded build's shared memory
    expect(child.values.length).toBe(single.length);
    child.values.forEach((v, i) => expect(Math.abs(v - single[i]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(single[i]!))));
  }, 60_000);
});
