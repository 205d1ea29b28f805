/**
 * 10 000 OpenAPI-driven fuzz cases (the api suite runs 2 000 with a fixed seed): 0 5xx, every error problem+json.
 *   npx tsx bench/fuzz/run.ts [--runs 10000] [--seed N]
 * In-process (app.request), so nothing leaves the process; prints the status histogram and the seed to replay.
 */
import fc from "fast-check";
import { warmUploadParser } from "@gantry/trainer/data";
import { apiDocument, check, FUZZ_KEYS, fuzzApp } from "../../api/src/fuzz/fuzz-app.ts";
import { requestArb } from "../../api/src/fuzz/openapi-arbitraries.ts";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg("runs", 10_000);
const seed = arg("seed", Date.now() % 2 ** 31);
await warmUploadParser();
const t = await fuzzApp();
const statuses = new Map<number, number>();
const failures: string[] = [];
const t0 = performance.now();
await fc.assert(
  fc.asyncProperty(requestArb(apiDocument(), FUZZ_KEYS), async (r) => {
    const res = await t.app.request(r.path, { method: r.method, headers: r.headers, body: r.body as BodyInit | undefined });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const broken = await check(t, r);
    if (broken) failures.push(broken);
  }),
  { numRuns: runs, seed },
);
t.cleanup();
const s = (performance.now() - t0) / 1000;
console.log(`fuzz: ${runs} cases (each sent twice) in ${s.toFixed(1)} s, seed ${seed}`);
console.log(
  `statuses: ${[...statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k}×${v}`)
    .join(" ")}`,
);
console.log(`contract violations (5xx or non-problem error): ${failures.length}`);
for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
process.exit(failures.length === 0 ? 0 : 1);
