import { listIdsWithFile, type Storage } from "@gantry/trainer/storage";

/**
 * Ids of every stored study, descending: the study engine keeps each study's document at `studyKeys(id).study`
 * (studies/<id>/study.json) and its generated ids sort by creation time, so this is newest first.
 */
export async function listStudyIds(storage: Storage): Promise<string[]> {
  return (await listIdsWithFile(storage, "studies", "study.json")).sort().reverse();
}
