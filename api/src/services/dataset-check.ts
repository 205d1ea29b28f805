import { BUILTIN_DATASETS } from "@gantry/trainer/data";
import { validateId, type Storage } from "@gantry/trainer/storage";
import { invalid } from "../http/problem.ts";
import { readUpload } from "./dataset-store.ts";

const LABELLED = new Set(["mnist", "fashion-mnist"]);

/**
 * Checks a training's dataset before it is queued, so a typo is a 422 naming `body.data.name` now rather than a
 * failed job later: a built-in name, or `upload:<id>` of an existing upload.
 */
export async function checkDatasetName(storage: Storage, name: string, classes: number[] | undefined): Promise<void> {
  const fail = (path: string, message: string): never => {
    throw invalid(422, [{ path, message }]);
  };
  if (BUILTIN_DATASETS.includes(name)) {
    if (classes && !LABELLED.has(name)) fail("body.data.classes", `dataset ${name} has no labels; classes apply only to ${[...LABELLED].join(", ")}`);
    if (classes?.some((c) => c > 9)) fail("body.data.classes", "class labels are 0–9");
    return;
  }
  if (name.startsWith("upload:")) {
    const id = name.slice("upload:".length);
    try {
      validateId(id);
    } catch {
      fail("body.data.name", `"${id}" is not a valid upload id`);
    }
    if (!(await readUpload(storage, id))) fail("body.data.name", `upload ${id} does not exist`);
    if (classes) fail("body.data.classes", "uploaded datasets have no labels");
    return;
  }
  fail("body.data.name", `unknown dataset "${name}"; expected one of ${BUILTIN_DATASETS.join(", ")} or upload:<id>`);
}
