import { studyKeys, type Storage } from "@gantry/trainer/storage";

const STUDY_JSON = /^studies\/([^/]+)\/study\.json$/;

/**
 * Ids of every stored study, descending: the study engine keeps each study's document at `studyKeys(id).study`
 * (studies/<id>/study.json) and its generated ids sort by creation time, so this is newest first.
 */
export async function listStudyIds(storage: Storage): Promise<string[]> {
  const ids: string[] = [];
  for await (const o of storage.list("studies/")) {
    const id = STUDY_JSON.exec(o.key)?.[1];
    if (id === undefined) continue;
    try {
      if (studyKeys(id).study === o.key) ids.push(id);
    } catch {
      // Not a valid id: not something the study engine wrote.
    }
  }
  return ids.sort().reverse();
}
