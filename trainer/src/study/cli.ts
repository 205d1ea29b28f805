import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ConfigError, newId } from "@gantry/core";
import { defaultStorageUrl, openStorage, studyKeys, validateId } from "../storage/index.ts";
import { guardJob } from "../process/job-guard.ts";
import { listPresets, loadPreset } from "./presets.ts";
import { createStudyProgress } from "./progress.ts";
import { runStudy } from "./runner.ts";
import { runStudyWorker } from "./worker.ts";

export const STUDY_HELP = `Usage: gantry-study --config study.json [options]
       gantry-study --preset <name> [options]
       gantry-study --id <id> [options]          continue a stored study

Runs every loss × seed of a study as ordinary trainings under <storage>/studies/<id>/runs/<loss>-s<seed>/,
several at a time, then writes study.json, study.md and report.html under <storage>/studies/<id>/.
Restart-safe: finished runs are kept, interrupted ones resume from their checkpoint.

Options:
  --config <file>     study config (JSON)
  --preset <name>     a bundled study (trainer/studies/<name>.json): ${listPresets().join(", ")}
  --storage <url>     file://<dir> or s3://<bucket>/<prefix> (default: env GANTRY_STORAGE, else file://./.gantry)
  --id <id>           study id (default: a new one); with neither --config nor --preset, continues that study
  --workers <n>       parallel trainings (default: the config's "workers", else the number of CPU cores)
  --backend <name>    backend of every run: auto | wasm | cpu | tensorflow
  --no-samples        skip drawing final samples in the report (no tfjs in this process)
  --quiet             no progress output
  -h, --help          this help

Exit codes: 0 done (report written; failed runs are results, not errors), 1 the study failed, 2 bad config or
usage, 3 interrupted (run the same command with --id <id> to continue).
On SIGTERM / SIGINT every running training checkpoints and stops, then the command exits 3.
`;

export interface StudyCliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
}

/** A fresh study id, in the one format every Gantry id has (see @gantry/core ids.ts). */
export function newStudyId(now = new Date()): string {
  return newId("study", now.getTime());
}

class UsageError extends Error {}

async function readConfig(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read --config ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--config ${path} is not JSON: ${(err as Error).message}`);
  }
}

/** The gantry-study command; returns the exit code (see STUDY_HELP). `__run` is the per-run child entry. */
export async function studyMain(argv: readonly string[], io: StudyCliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (argv[0] === "__run") return runStudyWorker(argv.slice(1), io.stderr);
  const err = (s: string) => io.stderr.write(`gantry-study: ${s}\n`);
  let v;
  let config: unknown;
  try {
    v = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        config: { type: "string" },
        preset: { type: "string" },
        storage: { type: "string" },
        id: { type: "string" },
        workers: { type: "string" },
        backend: { type: "string" },
        "no-samples": { type: "boolean" },
        quiet: { type: "boolean" },
      },
    }).values;
    if (v.help) {
      io.stdout.write(STUDY_HELP);
      return 0;
    }
    if (v.config !== undefined && v.preset !== undefined) throw new UsageError("give --config or --preset, not both");
    if (v.config === undefined && v.preset === undefined && v.id === undefined) {
      throw new UsageError("--config, --preset or --id is required");
    }
    if (v.workers !== undefined && !/^[1-9]\d*$/.test(v.workers)) {
      throw new UsageError(`--workers must be a positive integer, got ${v.workers}`);
    }
    if (v.id !== undefined) validateId(v.id, "--id");
    config = v.config !== undefined ? await readConfig(v.config) : v.preset !== undefined ? await loadPreset(v.preset) : undefined;
  } catch (e) {
    err((e as Error).message);
    io.stderr.write("Run gantry-study --help for usage.\n");
    return 2;
  }
  const id = v.id ?? newStudyId();
  const storage = openStorage(v.storage ?? defaultStorageUrl());
  io.stdout.write(`study    ${id}\nstorage  ${storage.url.replace(/\/$/, "")}/${studyKeys(id).prefix}\n`);
  const progress = v.quiet
    ? null
    : createStudyProgress({
        write: (s) => io.stdout.write(s),
        tty: io.stdout.isTTY === true,
        ...(io.stdout.columns ? { columns: io.stdout.columns } : {}),
      });
  const controller = new AbortController();
  // The same guard as a training job: one Ctrl-C delivered twice (terminal group + npx's forward) is one request.
  const unguard = guardJob({
    stop: (why) => {
      progress?.finish();
      const what = why === "signal" ? "" : " (the parent process is gone)";
      io.stderr.write(`gantry-study: stopping${what}: every running training checkpoints first (signal again to exit now)\n`);
      controller.abort();
    },
  });
  const t0 = Date.now();
  try {
    const result = await runStudy({
      storage,
      id,
      config,
      signal: controller.signal,
      samples: !v["no-samples"],
      ...(v.workers !== undefined ? { workers: Number(v.workers) } : {}),
      ...(v.backend ? { backend: v.backend } : {}),
      ...(progress ? { onProgress: (d) => progress.update(d) } : {}),
    });
    progress?.finish();
    const d = result.document;
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (result.status === "succeeded") {
      io.stdout.write(
        `succeeded: ${d.progress.done} runs (${d.progress.failed} failed) in ${secs} s; ` + `this invocation started ${result.spawned}\n`,
      );
      io.stdout.write(`report   ${storage.url.replace(/\/$/, "")}/${studyKeys(id).report}\n`);
    } else if (result.status === "interrupted") {
      io.stdout.write(`interrupted after ${secs} s; continue with: gantry-study --id ${id} --storage ${storage.url}\n`);
    } else {
      err(`failed: ${d.error?.code}: ${d.error?.message}`);
    }
    return result.exitCode;
  } catch (e) {
    progress?.finish();
    err((e as Error).message);
    return e instanceof ConfigError || (e as Error).name === "InvalidIdError" ? 2 : 1;
  } finally {
    unguard();
  }
}
