// Runs a built Lambda bundle as the Lambda runtime would, in this fresh Node process: import the bundle, call its
// buffered `handler` with each event in turn, and write one JSON document to <out.json>: the responses and the
// timings of the cold start (ms since this process started). Stdout stays the function's own (logs, EMF lines).
// Usage: node invoke-bundle.mjs <bundle.mjs> <events.json (an array)> <out.json>
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [bundle, eventsFile, outFile] = process.argv.slice(2);
const events = JSON.parse(readFileSync(eventsFile, "utf8"));
const t0 = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const responses = [];
let firstAnswered = 0;
for (const event of events) {
  responses.push(await handler(event, {}));
  firstAnswered ||= performance.now();
}
const cpu = process.cpuUsage();
writeFileSync(
  outFile,
  JSON.stringify({
    responses,
    nodeStartMs: t0,
    importMs: imported - t0,
    firstInvokeMs: firstAnswered - imported,
    totalMs: firstAnswered,
    // CPU time of this process (user + system): what the cold start costs regardless of how loaded the machine is.
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
process.exit(0);
