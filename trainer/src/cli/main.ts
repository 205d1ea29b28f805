import { readFile } from "node:fs/promises";
import { ConfigError, newId, parseTrainingConfig, type TrainingConfig } from "@gantry/core";
import { guardJob } from "../process/job-guard.ts";
import {
  DEFAULT_STORAGE_RETRY,
  defaultStorageUrl,
  openStorage,
  storageUnavailable,
  trainingKeys,
  validateId,
  withStorageRetries,
  type Storage,
} from "../storage/index.ts";
import { HELP, parseCliArgs, setPath, UsageError, type CliArgs } from "./args.ts";
import { createProgressReporter } from "./progress.ts";

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  /** Signals to honour (default: SIGTERM and SIGINT on this process). */
  signals?: {
    on(sig: "SIGTERM" | "SIGINT", fn: () => void): unknown;
    off(sig: "SIGTERM" | "SIGINT", fn: () => void): unknown;
  };
}

/** A fresh training id, in the one format the API uses too (see @gantry/core ids.ts). */
export function newTrainingId(now = new Date()): string {
  return newId("training", now.getTime());
}

async function loadConfigInput(args: CliArgs, storage: Storage, id: string): Promise<Record<string, unknown>> {
  if (args.configPath !== undefined) {
    let text: string;
    try {
      text = await readFile(args.configPath, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read --config ${args.configPath}: ${(err as Error).message}`);
    }
    try {
      const value = JSON.parse(text) as unknown;
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not a JSON object");
      return value as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`--config ${args.configPath} is not a JSON object: ${(err as Error).message}`);
    }
  }
  if (args.resume === undefined) throw new UsageError("--config is required (or --id / --resume <id> of a stored training)");
  const stored = await storage.getJson<Record<string, unknown>>(trainingKeys(id).config);
  if (!stored) throw new UsageError(`cannot resume ${id}: ${storage.url}/${trainingKeys(id).config} does not exist`);
  return stored;
}

/** True when the run takes its config exactly as stored under trainings/<id>/ (no file, no flag changes it). */
function storedConfigOnly(args: CliArgs): boolean {
  return (
    args.configPath === undefined && args.overrides.length === 0 && args.backend === undefined && (args.id !== undefined || args.resume !== undefined)
  );
}

/**
 * The gantry-train command. Returns the exit code: 0 done, 1 failed, 2 bad config or usage, 3 interrupted or
 * storage unavailable after retries (resumable). The first SIGTERM/SIGINT asks the job to checkpoint and stop; a second one exits 3 at once (the
 * previous checkpoint stays valid: latest.json only ever points at complete checkpoints).
 */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const err = (s: string) => io.stderr.write(`gantry-train: ${s}\n`);
  let args: CliArgs;
  let storage: Storage;
  let id: string;
  let config: TrainingConfig | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(HELP);
      return 0;
    }
    id = validateId(args.resume ?? args.id ?? newTrainingId(), args.resume !== undefined ? "--resume" : "--id");
    // Every storage call of this process rides out short outages (the job reuses this wrapper, not a second one).
    storage = withStorageRetries(openStorage(args.storage ?? defaultStorageUrl()), {
      ...DEFAULT_STORAGE_RETRY,
      onRetry: (r) => err(`storage unavailable (${r.op} ${r.key}); retry ${r.retry} in ${(r.delayMs / 1000).toFixed(1)} s`),
    });
    // By id (`--id <id>` or `--resume <id>` with nothing to change): the job reads trainings/<id>/config.json from
    // storage and parses it once, in prepareRun. Only a config this process builds (file, flags) is parsed here.
    if (!storedConfigOnly(args)) {
      const input = await loadConfigInput(args, storage, id);
      for (const [path, value] of args.overrides) setPath(input, path, value);
      if (args.backend !== undefined) input.backend = args.backend;
      config = parseTrainingConfig(input);
    } else if (!(await storage.head(trainingKeys(id).config))) {
      throw new UsageError(`no config for ${id}: ${storage.url}/${trainingKeys(id).config} does not exist (give --config)`);
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError || (e as Error).name === "InvalidIdError") {
      err((e as Error).message);
      if (e instanceof UsageError) io.stderr.write("Run gantry-train --help for usage.\n");
      return 2;
    }
    err((e as Error).message);
    return storageUnavailable(e) ? 3 : 1;
  }

  const location = `${storage.url.replace(/\/$/, "")}/${trainingKeys(id).prefix}`;
  io.stdout.write(`training ${id}${args.resume ? " (resume)" : ""}\nstorage  ${location}\n`);
  const tty = io.stdout.isTTY === true;
  const reporter = args.quiet
    ? null
    : createProgressReporter({
        write: (s) => io.stdout.write(s),
        tty,
        ...(io.stdout.columns ? { columns: io.stdout.columns } : {}),
      });
  const controller = new AbortController();
  const unguard = guardJob({
    ...(io.signals ? { signals: io.signals } : {}),
    stop: (why) => {
      reporter?.finish();
      const what = why === "signal" ? "" : " (the parent process is gone)";
      err(`stopping after the current step and writing a checkpoint${what} (signal again to exit now)`);
      controller.abort();
    },
  });
  try {
    // Loaded only now: tfjs and the backends take seconds to import, which --help and config errors should not pay.
    const { runTrainingJob } = await import("../job/run-training-job.ts");
    const result = await runTrainingJob({
      storage,
      id,
      ...(config ? { config } : {}),
      resume: args.resume !== undefined,
      signal: controller.signal,
      ...(args.backend !== undefined ? { backend: args.backend } : {}),
      ...(reporter ? { onEvent: (e) => reporter.onEvent(e) } : {}),
    });
    reporter?.finish();
    if (result.status === "failed") {
      err(`failed at step ${result.step}: [${result.error?.code}] ${result.error?.message}`);
    } else {
      io.stdout.write(`${result.status} at step ${result.step} on ${result.backend}; ` + `latest checkpoint: ${result.checkpointStep ?? "none"}\n`);
      if (result.error) err(`[${result.error.code}] ${result.error.message}`);
      if (result.status === "interrupted") {
        io.stdout.write(`resume with: gantry-train --resume ${id} --storage ${storage.url}\n`);
      }
    }
    return result.exitCode;
  } catch (e) {
    // Only storage failing before any status could be written gets here (the job reports everything else): an
    // outage is resumable (3), anything else is not.
    reporter?.finish();
    err((e as Error).message);
    return storageUnavailable(e) ? 3 : 1;
  } finally {
    unguard();
  }
}
