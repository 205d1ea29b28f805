import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { encodeNpy } from "../../core/npy.ts";
import type { ModelVersionSpec, SampleFormat } from "../../types.ts";
import { EXIT, UsageError, clientFrom, intFlag, json, type Io } from "../context.ts";

export const SAMPLE_HELP = `gantry sample <model> [options]

Samples a model. The format follows --out's extension (.png grid or scatter, .npy float32, .json rows);
without --out the samples are printed as JSON.

Options:
  -n, --n <count>        samples (default 64; the API states its maximum)
  --seed <int>           latent seed: the same seed gives identical output (random when absent)
  --version <v>          latest (default), best or a checkpoint step
  --truncation <t>       resample latent values with |z| > t
  --format <f>           png | npy | json (default: from --out, else json)
  --out <file>           write to this file
  --wait <seconds>       let a running training finish first (max 60)
  --url, --api-key       override GANTRY_URL / GANTRY_API_KEY
`;

const FORMATS: Record<string, SampleFormat> = { ".png": "png", ".npy": "npy", ".json": "json" };

/** `gantry sample`. */
export async function sample(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      n: { type: "string", short: "n" },
      seed: { type: "string" },
      version: { type: "string" },
      truncation: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      wait: { type: "string" },
      url: { type: "string" },
      "api-key": { type: "string" },
    },
  });
  const [model, ...extra] = positionals;
  if (!model || extra.length) throw new UsageError("expected exactly one model id: gantry sample <model>");
  const format = (values.format ?? (values.out ? FORMATS[path.extname(values.out).toLowerCase()] : "json")) as SampleFormat | undefined;
  if (!format || !["png", "npy", "json"].includes(format)) throw new UsageError("--format: expected png, npy or json (or an --out ending in one)");
  if (format !== "json" && !values.out) throw new UsageError(`--out <file> is required for ${format} output`);
  // The upper bounds of n and seed are the API's (a 422 naming body.n / body.seed, exit 2), not repeated here.
  const n = intFlag("n", values.n, 1) ?? 64;
  const seed = intFlag("seed", values.seed, 0);
  const wait = intFlag("wait", values.wait, 1, 60);
  const v = values.version ?? "latest";
  if (!/^(latest|best|\d+)$/.test(v)) throw new UsageError(`--version: expected latest, best or a step number, got ${JSON.stringify(v)}`);
  const version: ModelVersionSpec = v === "latest" || v === "best" ? v : Number(v);
  const truncation = values.truncation === undefined ? undefined : Number(values.truncation);
  if (truncation !== undefined && !(truncation > 0)) throw new UsageError("--truncation: expected a positive number");
  const client = clientFrom(values, io);

  const body = { n, version, ...(seed !== undefined ? { seed } : {}), ...(truncation !== undefined ? { truncation } : {}) };
  const opts = { signal: io.interrupt, ...(wait !== undefined ? { wait } : {}) };
  let bytes: Uint8Array | string;
  let seedUsed: number | null;
  let versionUsed: number;
  if (format === "png") {
    const img = await client.samples.create(model, { ...body, format: "png" }, opts);
    [bytes, seedUsed, versionUsed] = [img.data, img.seed, img.version];
  } else {
    const s = await client.samples.create(model, { ...body, format }, opts);
    bytes =
      format === "npy"
        ? encodeNpy(s.data, s.shape)
        : json({ shape: s.shape, seed: s.seed, version: s.version, data: s.rows.map((r) => Array.from(r)) });
    [seedUsed, versionUsed] = [s.seed, s.version];
  }
  if (!values.out) {
    io.stdout.write(bytes as string);
    return EXIT.OK;
  }
  writeFileSync(path.resolve(io.cwd, values.out), bytes);
  io.stderr.write(`wrote ${values.out}: ${n} samples of ${model} (seed ${seedUsed ?? "-"}, version ${versionUsed})\n`);
  return EXIT.OK;
}
