import { studyKeys, trainingKeys, type GetOptions, type ObjectInfo, type PutOptions, type Storage } from "../storage/index.ts";

/**
 * A view of `storage` in which training `runId` lives under study `studyId`: every key under `trainings/<runId>/`
 * maps to `studies/<studyId>/runs/<runId>/` (the studyKeys layout); every other key (datasets, …) is unchanged.
 * The training job and the checkpoint code address runs by training id, so a study run is an ordinary training
 * seen through this view: same files, same resume, no second code path.
 */
export function studyRunStorage(storage: Storage, studyId: string, runId: string): Storage {
  const from = trainingKeys(runId).prefix;
  const to = studyKeys(studyId).run(runId).prefix;
  const map = (key: string) => (key.startsWith(from) ? to + key.slice(from.length) : key);
  const unmap = (key: string) => (key.startsWith(to) ? from + key.slice(to.length) : key);
  return {
    url: storage.url,
    get: (key: string, opts?: GetOptions) => storage.get(map(key), opts),
    getText: (key: string) => storage.getText(map(key)),
    getJson: <T>(key: string) => storage.getJson<T>(map(key)),
    put: (key: string, body: Uint8Array | string, opts?: PutOptions) => storage.put(map(key), body, opts),
    putJson: (key: string, value: unknown) => storage.putJson(map(key), value),
    head: async (key: string) => {
      const info = await storage.head(map(key));
      return info && { ...info, key: unmap(info.key) };
    },
    list: (prefix: string): AsyncIterable<ObjectInfo> => ({
      async *[Symbol.asyncIterator]() {
        for await (const info of storage.list(map(prefix))) yield { ...info, key: unmap(info.key) };
      },
    }),
    delete: (key: string) => storage.delete(map(key)),
    deletePrefix: (prefix: string) => storage.deletePrefix(map(prefix)),
  };
}
