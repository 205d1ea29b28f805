/**
 * PRDC (trainer/src/metrics/prdc.ts) on the configuration of the PRDC authors' own example
 * (clovaai/generative-evaluation-prdc README: 10 000 real and 10 000 fake samples of N(0, I) in
 * 1000 dimensions, k = 5, printed as precision 0.4772, recall 0.4705, density 1.0555, coverage
 * 0.9735), and the same sample counts in 64 dimensions, where precision and recall are ≈ 0.68.
 * Too slow for the test suite (≈ 50 s); the suite checks n = 5000 at 1000-D and n = 1000 at 64-D.
 *
 *   npx tsx bench/metrics/prdc-published.ts [--n 10000]
 */
import { parseArgs } from "node:util";
import { prdc } from "../../trainer/src/metrics/prdc.ts";
import { gaussianMatrix } from "../../trainer/src/metrics/testing.ts";

const { values } = parseArgs({ options: { n: { type: "string", default: "10000" } } });
const n = Number(values.n);
console.log("| n | d | precision | recall | density | coverage | seconds |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const d of [1000, 64]) {
  const t0 = performance.now();
  const r = prdc(gaussianMatrix(n, d, 1), gaussianMatrix(n, d, 2), 5);
  const f = (v: number) => v.toFixed(4);
  console.log(
    `| ${n} | ${d} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.density)} | ${f(r.coverage)} | ${((performance.now() - t0) / 1000).toFixed(1)} |`,
  );
}
