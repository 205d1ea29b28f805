import { parseArgs } from "node:util";

/**
 * Flags that set one config key: flag name → config path. Values are parsed as JSON when possible, except for
 * string keys (`text`), which take the value as written (so `--name 2024` stays a string).
 */
export const CONFIG_FLAGS: Record<string, { path: string; help: string; text?: boolean }> = {
  name: { path: "name", help: "label shown in lists and reports", text: true },
  steps: { path: "steps", help: "generator updates to run (on --resume: the new total)" },
  seed: { path: "seed", help: "seed of every random stream" },
  data: { path: "data.name", help: "dataset: ring8, grid25, swissroll, mnist, fashion-mnist, upload:<id>", text: true },
  loss: { path: "loss.name", help: "loss: minimax, ns, lsgan, wgan, wgan-gp, hinge, rsgan, …", text: true },
  "batch-size": { path: "batchSize", help: "samples per batch" },
  "n-critic": { path: "nCritic", help: "critic updates per generator update" },
  "ema-decay": { path: "emaDecay", help: "EMA of G's weights (0 = off, e.g. 0.999)" },
  "log-every": { path: "logEvery", help: "log losses every N steps" },
  "eval-every": { path: "evalEvery", help: "evaluate metrics every N steps (0 = at the end)" },
  "sample-every": { path: "sampleEvery", help: "write a sample grid / scatter every N steps (0 = off)" },
  "checkpoint-every": { path: "checkpointEvery", help: "checkpoint every N steps (0 = at the end)" },
  "keep-last": { path: "keepLast", help: "checkpoints kept besides the best" },
};

export interface CliArgs {
  help: boolean;
  configPath?: string;
  storage?: string;
  id?: string;
  resume?: string;
  backend?: string;
  quiet: boolean;
  /** Config path → raw value, applied over the config file in flag order. */
  overrides: [string, unknown][];
}

/** Thrown for unusable command lines; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const HELP = `Usage: gantry-train --config run.json [options]
       gantry-train --id <id> --storage <url>
       gantry-train --resume <id> [--config run.json] [options]

Trains a GAN and writes config, status, metrics, events, samples and checkpoints under
<storage>/trainings/<id>/.

Options:
  --config <file>        training config (JSON); without it, --id / --resume read <storage>/trainings/<id>/config.json
  --storage <url>        file://<dir> or s3://<bucket>/<prefix> (default: env GANTRY_STORAGE, else file://./.gantry)
  --id <id>              training id (default: a new random id); alone, runs the config stored for it (how the
                         API's workers and AWS Batch start a training)
  --resume <id>          continue training <id> from its latest checkpoint; its stored config is used unless
                         --config is given (the model architecture and data shape must not change)
  --backend <name>       auto | wasm | cpu | tensorflow (overrides the config's "backend")
  --set <path>=<value>   set any config key, e.g. --set model.gHidden=[64,64] (value parsed as JSON if it can be)
${Object.entries(CONFIG_FLAGS)
  .map(([f, d]) => `  --${`${f} <v>`.padEnd(21)}${d.help} (config "${d.path}")`)
  .join("\n")}
  --quiet                no progress output
  -h, --help             this help

S3: credentials come from the AWS chain; GANTRY_S3_ENDPOINT and GANTRY_S3_FORCE_PATH_STYLE select an
S3-compatible server.
Exit codes: 0 done, 1 failed (e.g. diverged, bad data), 2 bad config or usage, 3 interrupted (resumable):
by a signal, or by storage still unavailable after 5 tries with backoff (about 15 s).
On SIGTERM / SIGINT the current step finishes, a checkpoint is written and the process exits 3.
`;

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // Not JSON: a bare string such as a dataset name; validation reports it by path if it is wrong.
    return raw;
  }
}

/** Parses argv (without node and script); throws UsageError naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options = {
    help: { type: "boolean", short: "h" },
    config: { type: "string" },
    storage: { type: "string" },
    id: { type: "string" },
    resume: { type: "string" },
    backend: { type: "string" },
    quiet: { type: "boolean" },
    set: { type: "string", multiple: true },
    ...Object.fromEntries(Object.keys(CONFIG_FLAGS).map((f) => [f, { type: "string" }])),
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const overrides: [string, unknown][] = [];
  // Tokens keep the command-line order, so a later flag wins over an earlier one for the same key.
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== "option" || t.value === undefined) continue;
    if (t.name === "set") {
      const eq = t.value.indexOf("=");
      if (eq <= 0) throw new UsageError(`--set expects <path>=<value>, got ${JSON.stringify(t.value)}`);
      overrides.push([t.value.slice(0, eq), parseValue(t.value.slice(eq + 1))]);
    } else if (CONFIG_FLAGS[t.name]) {
      const flag = CONFIG_FLAGS[t.name]!;
      overrides.push([flag.path, flag.text ? t.value : parseValue(t.value)]);
    }
  }
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const out: CliArgs = { help: v.help === true, quiet: v.quiet === true, overrides };
  if (str("config") !== undefined) out.configPath = str("config");
  if (str("storage") !== undefined) out.storage = str("storage");
  if (str("id") !== undefined) out.id = str("id");
  if (str("resume") !== undefined) out.resume = str("resume");
  if (str("backend") !== undefined) out.backend = str("backend");
  if (out.id !== undefined && out.resume !== undefined && out.id !== out.resume) {
    throw new UsageError(`--id ${out.id} and --resume ${out.resume} name different trainings`);
  }
  return out;
}

/** Sets `path` ("a.b.c") in a plain JSON object, creating intermediate objects. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  if (parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")) {
    throw new UsageError(`invalid config path ${JSON.stringify(path)}`);
  }
  let obj = target;
  for (const p of parts.slice(0, -1)) {
    const next = obj[p];
    if (next === null || typeof next !== "object" || Array.isArray(next)) obj[p] = {};
    obj = obj[p] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]!] = value;
}
