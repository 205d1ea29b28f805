import { CheckpointError, readManifest, sha256 } from "@gantry/trainer/checkpoint";
import type { Storage } from "@gantry/trainer/storage";

/** Why a training's latest checkpoint cannot be resumed from (absent, or failing its checks). */
export interface CheckpointProblem {
  problem: "none" | "corrupt";
  message: string;
}

/**
 * The step of the training's latest checkpoint once every file of it matches the manifest (bytes and sha256, the
 * check the trainer repeats on resume), or why not. Decides whether a job that died may be resumed instead of
 * failed: rerunning from a checkpoint the trainer will refuse would only fail the same way again. Decodes nothing,
 * so the API allocates no tensors for it.
 */
export async function verifiedCheckpoint(storage: Storage, id: string): Promise<{ step: number } | CheckpointProblem> {
  try {
    const { manifest, manifestKey } = await readManifest(storage, id, "latest");
    const dir = manifestKey.slice(0, -"manifest.json".length);
    for (const f of manifest.files) {
      const bytes = await storage.get(dir + f.path);
      if (!bytes || bytes.byteLength !== f.bytes || sha256(bytes) !== f.sha256) {
        return { problem: "corrupt", message: `checkpoint step ${manifest.step}: file ${f.path} is missing or fails its sha256 check` };
      }
    }
    return { step: manifest.step };
  } catch (err) {
    if (!(err instanceof CheckpointError)) throw err;
    return { problem: err.code === "not_found" ? "none" : "corrupt", message: err.message };
  }
}
