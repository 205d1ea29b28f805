// Entry of an inference worker thread. Under `tsx` (npm start) the worker usually inherits the .ts loader; under other
// hosts (vitest's workers, or where hooks are not inherited) it does not, so tsx's loader is registered here. A small
// probe decides, before worker.ts is touched: on Node ≥ 22.18 / 23.6 Node strips types itself, so worker.ts would load
// and then fail on a parameter property deeper in its graph, and a failed module stays failed in the module map.
try {
  await import("./ts-probe.ts");
} catch (err) {
  if (err?.code !== "ERR_UNKNOWN_FILE_EXTENSION" && err?.code !== "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX") throw err;
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./worker.ts");
