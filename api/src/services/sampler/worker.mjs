// Entry of an inference worker thread. Under `tsx` (npm start) the worker inherits the .ts loader through execArgv;
// under other hosts (vitest's workers) it does not, so tsx's loader is registered here first. Registering it before
// the first import (rather than on failure) matters on Node ≥ 22.18/23.6: there Node strips types itself, loads
// worker.ts without error and then fails on syntax it cannot strip (parameter properties) deeper in the graph.
if (!process.execArgv.some((a) => a.includes("tsx"))) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./worker.ts");
