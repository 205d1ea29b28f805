/** The `gantry` command: a thin layer over the SDK. `main` returns the exit code; bin/gantry.mjs exits with it. */
import { AbortError, APIError, GantryError, WaitTimeoutError } from "../core/errors.ts";
import { models, MODELS_HELP, trainings, TRAININGS_HELP } from "./commands/resources.ts";
import { sample, SAMPLE_HELP } from "./commands/sample.ts";
import { study, STUDY_HELP } from "./commands/study.ts";
import { train, TRAIN_HELP } from "./commands/train.ts";
import { EXIT, UsageError, type Io } from "./context.ts";

export const HELP = `gantry: train GANs on a Gantry deployment from the command line or CI.

Usage:
  gantry train --config run.json [--wait] [--gate "swd<0.5"]... [--json]
  gantry sample <model> [-n 64] [--seed 1] [--out grid.png]
  gantry study --config study.json [--wait] [--out report.html]
  gantry models ls | get <id>
  gantry trainings ls | get <id> | cancel <id>
  gantry <command> --help

Environment:
  GANTRY_URL       the deployment, e.g. https://gantry.example.com (or --url)
  GANTRY_API_KEY   API key (or --api-key)

Exit codes (the same table as gantry-train and gantry-study):
  0  success (every gate passed)
  1  the training (or study) ended failed or canceled
  2  bad input: flags, config file, gate expression, or a config the API rejected (422)
  3  interrupted (Ctrl-C) while waiting; the training keeps running
  4  API error, or the API could not be reached
  5  --timeout expired while waiting (the training keeps running)
  6  a --gate failed, or its metric was not reported
`;

type Command = (argv: string[], io: Io) => Promise<number>;
const COMMANDS: Record<string, { run: Command; help: string }> = {
  train: { run: train, help: TRAIN_HELP },
  sample: { run: sample, help: SAMPLE_HELP },
  study: { run: study, help: STUDY_HELP },
  models: { run: models, help: MODELS_HELP },
  trainings: { run: trainings, help: TRAININGS_HELP },
};

/** Runs the CLI with `argv` (without node and script); never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(HELP);
    return name === undefined ? EXIT.BAD_INPUT : EXIT.OK;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr.write(`gantry: unknown command ${JSON.stringify(name)}\n\n${HELP}`);
    return EXIT.BAD_INPUT;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(cmd.help);
    return EXIT.OK;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    return report(err, name, io);
  }
}

/** Prints an error for humans and maps it to an exit code. */
function report(err: unknown, name: string, io: Io): number {
  const say = (s: string) => io.stderr.write(`gantry ${name}: ${s}\n`);
  // node:util parseArgs reports unknown or malformed flags with these codes.
  const code = (err as { code?: string }).code;
  if (err instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
    say(`${(err as Error).message}\nrun \`gantry ${name} --help\` for usage`);
    return EXIT.BAD_INPUT;
  }
  if (err instanceof AbortError) {
    say("interrupted; anything already submitted keeps running on the server");
    return EXIT.INTERRUPTED;
  }
  if (err instanceof WaitTimeoutError) {
    say(`${err.message}; it keeps running on the server`);
    return EXIT.TIMEOUT;
  }
  if (err instanceof APIError) {
    say(err.message);
    for (const e of err.errors) io.stderr.write(`  ${e.path}: ${e.message}\n`);
    // The server rejected what was sent (a config or flag value): bad input, like a local usage error.
    return err.status === 400 || err.status === 422 ? EXIT.BAD_INPUT : EXIT.API_ERROR;
  }
  if (err instanceof GantryError) {
    say(err.message);
    return EXIT.API_ERROR;
  }
  say(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return EXIT.API_ERROR;
}
