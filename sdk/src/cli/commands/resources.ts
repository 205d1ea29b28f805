import { parseArgs } from "node:util";
import { EXIT, UsageError, clientFrom, intFlag, json, type Io } from "../context.ts";
import { formatTable } from "../table.ts";
import type { TrainingState } from "../../types.ts";

export const MODELS_HELP = `gantry models ls [--limit <n>] [--json]
gantry models get <id>

Lists models newest first (all pages unless --limit), or prints one model with its versions as JSON.
`;

export const TRAININGS_HELP = `gantry trainings ls [--status <state>] [--limit <n>] [--json]
gantry trainings get <id>
gantry trainings cancel <id>

States: queued, running, succeeded, failed, canceled, interrupted.
`;

const STATES = ["queued", "running", "succeeded", "failed", "canceled", "interrupted"];
const OPTIONS = {
  limit: { type: "string" },
  status: { type: "string" },
  json: { type: "boolean" },
  url: { type: "string" },
  "api-key": { type: "string" },
} as const;

/** Collects up to `limit` items across pages. */
async function take<T>(items: AsyncIterable<T>, limit: number | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) {
    if (limit !== undefined && out.length >= limit) break;
    out.push(x);
  }
  return out;
}

function oneId(rest: string[], usage: string): string {
  if (rest.length !== 1 || !rest[0]) throw new UsageError(`expected one id: ${usage}`);
  return rest[0];
}

/** `gantry models ls|get`. */
export async function models(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
  const [sub, ...rest] = positionals;
  const client = clientFrom(values, io);
  if (sub === "ls" || sub === "list") {
    const limit = intFlag("limit", values.limit, 1, 1_000_000);
    const list = await take(client.models.list({}, { signal: io.interrupt }), limit);
    io.stdout.write(
      values.json
        ? json(list)
        : formatTable(
            ["id", "loss", "dataset", "status", "latest step", "created"],
            list.map((m) => [m.id, m.loss, m.dataset, m.trainingStatus, String(m.latestStep), m.createdAt]),
          ),
    );
    return EXIT.OK;
  }
  if (sub === "get") {
    io.stdout.write(json(await client.models.get(oneId(rest, "gantry models get <id>"), { signal: io.interrupt })));
    return EXIT.OK;
  }
  throw new UsageError(`unknown models command ${JSON.stringify(sub ?? "")}: expected ls or get`);
}

/** `gantry trainings ls|get|cancel`. */
export async function trainings(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
  const [sub, ...rest] = positionals;
  const client = clientFrom(values, io);
  const o = { signal: io.interrupt };
  if (sub === "ls" || sub === "list") {
    const limit = intFlag("limit", values.limit, 1, 1_000_000);
    if (values.status !== undefined && !STATES.includes(values.status)) throw new UsageError(`--status: expected one of ${STATES.join(", ")}`);
    const params = values.status ? { status: values.status as TrainingState } : {};
    const list = await take(client.trainings.list(params, o), limit);
    io.stdout.write(
      values.json
        ? json(list)
        : formatTable(
            ["id", "status", "loss", "dataset", "step", "created"],
            list.map((t) => [t.id, t.status, t.config.loss.name, t.config.data.name, `${t.progress.step}/${t.progress.steps}`, t.createdAt]),
          ),
    );
    return EXIT.OK;
  }
  if (sub === "get") {
    io.stdout.write(json(await client.trainings.get(oneId(rest, "gantry trainings get <id>"), o)));
    return EXIT.OK;
  }
  if (sub === "cancel") {
    const t = await client.trainings.cancel(oneId(rest, "gantry trainings cancel <id>"), o);
    io.stdout.write(values.json ? json(t) : `${t.id}: ${t.status}\n`);
    return EXIT.OK;
  }
  throw new UsageError(`unknown trainings command ${JSON.stringify(sub ?? "")}: expected ls, get or cancel`);
}
