// One cold start, in a fresh Node process: import the Lambda bundle, invoke its buffered handler once with an
// HTTP API event asking for one sample, print timings (ms since this process started) as one JSON line.
// Usage: node invoke.mjs <bundle.mjs> <event.json>
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, "utf8"));
const t0 = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const res = await handler(event, {});
const answered = performance.now();
const body = JSON.parse(res.body);
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    status: res.statusCode,
    shape: body.shape,
    nodeStartMs: t0,
    importMs: imported - t0,
    firstInvokeMs: answered - imported,
    totalMs: answered,
    // CPU time of this process (user + system): what the cold start costs regardless of how loaded the machine is.
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
process.exit(0);
