import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { EXIT, UsageError, clientFrom, json, readJsonFile, secondsFlag, type Io, sayTimeoutAsGiven } from "../context.ts";

export const STUDY_HELP = `gantry study --config <study.json> [options]

Starts a study (losses × seeds × dataset, as the study engine defines it).

Options:
  --config <file>      study definition JSON (required)
  --wait               poll until the study ends
  --out <file>         with --wait: write the report (.md → Markdown, otherwise HTML)
  --timeout <seconds>  stop waiting after this long (exit 5; the study keeps running)
  --json               print the final study as JSON
  --url, --api-key     override GANTRY_URL / GANTRY_API_KEY
`;

/** `gantry study`. */
export async function study(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: "string" },
      wait: { type: "boolean" },
      out: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      "api-key": { type: "string" },
    },
  });
  if (!values.config) throw new UsageError("--config <study.json> is required");
  if (values.out && !values.wait) throw new UsageError("--out needs --wait (the report exists once the study ends)");
  const timeout = secondsFlag("timeout", values.timeout);
  const spec = readJsonFile(values.config, io);
  const client = clientFrom(values, io);

  const created = await client.studies.create(spec);
  io.stderr.write(`started study ${created.id} (${created.status})\n`);
  if (!values.wait) {
    io.stdout.write(values.json ? json(created) : `${created.id}\n`);
    return EXIT.OK;
  }
  let last = created.status;
  const final = await client.studies
    .wait(created.id, {
      signal: io.interrupt,
      ...(timeout !== undefined ? { timeout } : {}),
      onProgress: (s) => {
        if (s.status === last) return;
        last = s.status;
        io.stderr.write(`study ${s.id}: ${last}\n`);
      },
    })
    .catch(sayTimeoutAsGiven(`study ${created.id}`, values.timeout));
  if (values.out) {
    const format = path.extname(values.out).toLowerCase() === ".md" ? "markdown" : "html";
    writeFileSync(path.resolve(io.cwd, values.out), await client.studies.report(final.id, { format }, { signal: io.interrupt }));
    io.stderr.write(`wrote ${values.out}\n`);
  }
  io.stdout.write(values.json ? json(final) : `study ${final.id}: ${final.status}\n`);
  return final.status === "succeeded" ? EXIT.OK : EXIT.TRAINING_FAILED;
}
