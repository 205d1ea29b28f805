import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files run in parallel workers, each with its own wasm module: one wasm thread per
    // worker keeps them from oversubscribing the cores (and skips the threaded build's start-up).
    // The threaded build has its own test (trainer/src/backend/wasm-threads.test.ts).
    env: { GANTRY_WASM_THREADS: "1" },
  },
});
