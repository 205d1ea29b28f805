import { parseArgs } from "node:util";
import type { Training, TrainingConfig } from "../../types.ts";
import { EXIT, UsageError, clientFrom, json, readJsonFile, sayTimeoutAsGiven, secondsFlag, type Io } from "../context.ts";
import { evaluateGates, parseGate, type GateResult } from "../gates.ts";
import { ProgressReporter } from "../progress.ts";
import { formatNumber, formatTable } from "../table.ts";

export const TRAIN_HELP = `gantry train --config <file.json> [options]

Submits a training (the JSON file is a TrainingConfig) and, with --wait or any --gate, follows it to the end.

Options:
  --config <file>      training config JSON (required)
  --wait               follow progress until the training ends
  --gate <expr>        quality gate on a final metric, repeatable: "swd<0.5", "modesCaptured>=7"
                       (ops < <= > >= == !=); implies --wait
  --metrics <which>    metrics the gates read: final (the training's latestMetrics, default) or
                       best (the model's best checkpoint)
  --timeout <seconds>  stop waiting after this long (exit 5; the training keeps running); implies --wait
  --idempotency-key <k>  submit with this Idempotency-Key: re-running with the same key and config (within
                       the server's retention, 24 h by default) follows the first training instead of starting another
  --json               print one JSON result on stdout instead of the summary table
  --quiet              no progress output
  --url, --api-key     override GANTRY_URL / GANTRY_API_KEY
`;

/** `gantry train`: submit, follow, gate. Returns the exit code. */
export async function train(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: "string" },
      wait: { type: "boolean" },
      gate: { type: "string", multiple: true },
      metrics: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
      quiet: { type: "boolean" },
      "idempotency-key": { type: "string" },
      url: { type: "string" },
      "api-key": { type: "string" },
    },
  });
  if (!values.config) throw new UsageError("--config <file.json> is required");
  const source = values.metrics ?? "final";
  if (source !== "final" && source !== "best") throw new UsageError(`--metrics: expected final or best, got ${JSON.stringify(source)}`);
  const gates = (values.gate ?? []).map(parseGate);
  const timeout = secondsFlag("timeout", values.timeout);
  const config = readJsonFile(values.config, io) as TrainingConfig;
  const client = clientFrom(values, io);

  const key = values["idempotency-key"];
  let replayed = false;
  const submitted = await client.trainings.create(config, {
    signal: io.interrupt,
    ...(key !== undefined ? { idempotencyKey: key } : {}),
    onResponse: (res) => (replayed = res.headers.get("idempotent-replayed") === "true"),
  });
  const log = values.quiet ? null : new ProgressReporter(io.stderr, submitted.id);
  const what = `(${submitted.config.loss.name} on ${submitted.config.data.name}, ${submitted.config.steps} steps)`;
  // The same Idempotency-Key and config within the server's retention return the first training, not a new one.
  // The replayed body is the first response (queued then): ask where that training stands now.
  const now = replayed ? (await client.trainings.get(submitted.id, { signal: io.interrupt })).status : null;
  log?.line(now ? `following existing training ${submitted.id} ${what}, now ${now}` : `submitted ${submitted.id} ${what}`);
  if (!values.wait && gates.length === 0 && timeout === undefined) {
    io.stdout.write(values.json ? json({ training: submitted }) : `${submitted.id}\n`);
    return EXIT.OK;
  }

  const final = await client.trainings
    .wait(submitted.id, {
      signal: io.interrupt,
      ...(timeout !== undefined ? { timeout } : {}),
      ...(log ? { onProgress: (p) => log.update(p) } : {}),
    })
    .catch(sayTimeoutAsGiven(`training ${submitted.id}`, values.timeout));
  log?.finish();
  let metrics = final.latestMetrics;
  if (final.status === "succeeded" && source === "best") metrics = (await client.models.get(final.id)).best?.metrics ?? null;
  const results = final.status === "succeeded" ? evaluateGates(gates, metrics) : [];
  const code = final.status !== "succeeded" ? EXIT.TRAINING_FAILED : results.some((r) => !r.passed) ? EXIT.GATE_FAILED : EXIT.OK;

  if (values.json) {
    io.stdout.write(json({ training: final, metricsSource: source, metrics, gates: results, passed: code === EXIT.OK, exitCode: code }));
  } else {
    io.stdout.write(summary(final, source, metrics, results, code));
  }
  return code;
}

function summary(t: Training, source: string, metrics: Record<string, number> | null, gates: GateResult[], code: number): string {
  const out: string[] = [`training ${t.id}: ${t.status} at step ${t.progress.step}/${t.progress.steps}`];
  if (t.error) out.push(`error ${t.error.code}: ${t.error.message}`);
  if (t.status === "succeeded") {
    const rows = Object.entries(metrics ?? {}).map(([k, v]) => [k, formatNumber(v)]);
    out.push("", rows.length ? formatTable([`metric (${source})`, "value"], rows) : `no ${source} metrics reported`);
  }
  if (gates.length) {
    const rows = gates.map((g) => [g.expr, g.value === null ? "missing" : formatNumber(g.value), g.passed ? "pass" : "FAIL"]);
    out.push("", formatTable(["gate", "value", "result"], rows));
    const missing = gates.filter((g) => g.value === null).map((g) => g.metric);
    if (missing.length) out.push(`not reported: ${missing.join(", ")}; reported: ${Object.keys(metrics ?? {}).join(", ") || "none"}`);
  }
  const verdict = code === 0 ? "ok" : code === EXIT.GATE_FAILED ? "gate failed" : "training did not succeed";
  out.push(`result: ${verdict} (exit ${code})`);
  return `${out.join("\n")}\n`;
}
