import { parseArgs } from "node:util";
import { guardJob } from "../process/job-guard.ts";
import { openStorage, storageUnavailable, validateId } from "../storage/index.ts";
import { studyRunStorage } from "./run-storage.ts";

/**
 * Child-process entry of one study run (`gantry-study __run --storage <url> --study <id> --run <runId>`): the
 * ordinary training job on the run's config (written by the runner to the run's config.json), seen through
 * studyRunStorage so every file lands under studies/<id>/runs/<runId>/. Always resumes: a run with a checkpoint
 * continues from it, one without starts at step 0. Exit codes as gantry-train: 0 done, 1 failed, 2 bad usage or
 * config, 3 interrupted (first SIGTERM/SIGINT checkpoints and stops; a second exits at once).
 */
export async function runStudyWorker(argv: readonly string[], stderr: { write(s: string): unknown } = process.stderr): Promise<number> {
  let storageUrl: string;
  let study: string;
  let run: string;
  let backend: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { storage: { type: "string" }, study: { type: "string" }, run: { type: "string" }, backend: { type: "string" } },
    });
    if (!values.storage || !values.study || !values.run) throw new Error("--storage, --study and --run are required");
    storageUrl = values.storage;
    study = validateId(values.study, "--study");
    run = validateId(values.run, "--run");
    backend = values.backend;
  } catch (err) {
    stderr.write(`gantry-study __run: ${(err as Error).message}\n`);
    return 2;
  }
  const controller = new AbortController();
  // A second signal exits at once; a dead study process stops us as if signalled (checkpoint, exit 3), since the
  // next invocation would otherwise resume this run while we still write to it.
  const unguard = guardJob({
    stop: (why) => {
      if (why !== "signal") stderr.write(`run ${run}: the study process is gone; checkpointing and stopping\n`);
      controller.abort();
    },
  });
  try {
    const storage = studyRunStorage(openStorage(storageUrl), study, run);
    // Loaded only now: tfjs takes seconds to import and usage errors should not pay for it.
    const { runTrainingJob } = await import("../job/run-training-job.ts");
    const result = await runTrainingJob({
      storage,
      id: run,
      resume: true,
      signal: controller.signal,
      ...(backend ? { backend } : {}),
    });
    if (result.error) stderr.write(`run ${run}: [${result.error.code}] ${result.error.message}\n`);
    return result.exitCode;
  } catch (err) {
    stderr.write(`run ${run}: ${(err as Error).message}\n`);
    // Storage down before the job could record anything: resumable, like an interrupt.
    return storageUnavailable(err) ? 3 : 1;
  } finally {
    unguard();
  }
}
