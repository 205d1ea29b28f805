import { checkDatasetRef } from "@gantry/core";
import type { Storage } from "@gantry/trainer/storage";
import { invalid } from "../http/problem.ts";
import { readUpload } from "./dataset-store.ts";

/**
 * Checks a training's dataset before it is queued, so a typo is a 422 naming `body.data.name` now rather than a
 * failed job later. The rules (built-in names, which have labels, upload ids) are the registry's in @gantry/core;
 * only whether an upload exists is checked here.
 */
export async function checkDatasetName(storage: Storage, name: string, classes: number[] | undefined): Promise<void> {
  const { ref, problems } = checkDatasetRef(name, classes);
  if (ref === null)
    throw invalid(
      422,
      problems.map((p) => ({ path: `body.data.${p.field}`, message: p.message })),
    );
  if ("upload" in ref && !(await readUpload(storage, ref.upload))) {
    throw invalid(422, [{ path: "body.data.name", message: `upload ${ref.upload} does not exist` }]);
  }
}
