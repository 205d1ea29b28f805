/**
 * wasm threading (GANTRY_WASM_THREADS). The thread count is fixed when the wasm module starts,
 * so the threaded run happens in a child process and is compared with this process's
 * single-threaded results (the test runner pins GANTRY_WASM_THREADS=1; same kernels: identical
 * up to float32 summation order, 1e-6).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectNoLeak } from "./grad-check.ts";
import { initBackend } from "./index.ts";
import { probeValues } from "./wasm-threads.fixture.ts";
import { requestedWasmThreads, wasmThreadsPerWorker } from "./threads-env.ts";

describe("GANTRY_WASM_THREADS", () => {
  it("defaults to one thread per core (at most 8) and rejects values outside auto/1..8, naming the variable", () => {
    expect(requestedWasmThreads({}, 2)).toBe(2);
    expect(requestedWasmThreads({ GANTRY_WASM_THREADS: "auto" }, 1)).toBe(1);
    expect(requestedWasmThreads({ GANTRY_WASM_THREADS: "" }, 16)).toBe(8);
    expect(requestedWasmThreads({ GANTRY_WASM_THREADS: " 4 " }, 2)).toBe(4);
    for (const bad of ["0", "9", "two", "1.5", "Auto"]) {
      expect(() => requestedWasmThreads({ GANTRY_WASM_THREADS: bad })).toThrow(/GANTRY_WASM_THREADS.*"auto" or an integer from 1 to 8/);
    }
  });

  it("gives pool children an even share of the cores unless the parent set a count", () => {
    expect(wasmThreadsPerWorker(2, {}, 2)).toBe("1");
    expect(wasmThreadsPerWorker(3, {}, 16)).toBe("5");
    expect(wasmThreadsPerWorker(1, { GANTRY_WASM_THREADS: "auto" }, 32)).toBe("8");
    expect(wasmThreadsPerWorker(4, {}, 2)).toBe("1");
    expect(wasmThreadsPerWorker(2, { GANTRY_WASM_THREADS: "3" }, 2)).toBe("3");
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
