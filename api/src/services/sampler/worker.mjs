// Entry of an inference worker thread. Under `tsx` (npm start) the worker inherits the .ts loader through
// execArgv; under other hosts (vitest's workers) it does not, so tsx's loader is registered here first.
try {
  await import("./worker.ts");
} catch (err) {
  if (err?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw err;
  const { register } = await import("tsx/esm/api");
  register();
  // A new URL: the module map remembers the failed load of the plain one.
  await import("./worker.ts?tsx");
}
