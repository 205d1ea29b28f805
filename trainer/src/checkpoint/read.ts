import type { Storage } from "../storage/index.ts";
import { CheckpointError, FORMAT_VERSION, type CheckpointManifest, type CheckpointPointer, type CheckpointState, type TensorMap } from "./format.ts";
import { runKeys, runLabel, type RunRef } from "./keys.ts";
import { decodeWeights, sha256 } from "./weights.ts";

export type CheckpointVersion = number | "latest" | "best";

export interface LoadedCheckpoint {
  manifest: CheckpointManifest;
  /** Key of manifest.json relative to the storage root. */
  manifestKey: string;
  state: CheckpointState;
}

export interface ReadOptions {
  /** Read and verify only these tensor groups (e.g. ["generator"]); default every group. */
  groups?: readonly string[];
}

function describe(run: RunRef, version: CheckpointVersion): string {
  return `checkpoint ${typeof version === "number" ? `step ${version}` : `"${version}"`} of ${runLabel(run)}`;
}

/**
 * Resolves a version to its manifest and checks it: the pointer's manifest sha256 (for "latest"/"best") and the
 * format version. Throws CheckpointError (not_found | corrupt | unsupported_version) naming what is wrong.
 */
export async function readManifest(
  storage: Storage,
  run: RunRef,
  version: CheckpointVersion,
): Promise<{ manifest: CheckpointManifest; manifestKey: string }> {
  const keys = runKeys(run);
  const what = describe(run, version);
  let manifestKey: string;
  let expectedSha: string | null = null;
  if (typeof version === "number") {
    manifestKey = `${keys.checkpoint(version)}manifest.json`;
  } else {
    const pointer = await storage.getJson<CheckpointPointer>(version === "latest" ? keys.latest : keys.best);
    if (!pointer) throw new CheckpointError("not_found", `${what}: no ${version}.json (no checkpoint published yet)`);
    if (typeof pointer.manifest !== "string" || typeof pointer.manifestSha256 !== "string") {
      throw new CheckpointError("corrupt", `${what}: ${version}.json lacks manifest / manifestSha256`);
    }
    manifestKey = keys.prefix + pointer.manifest;
    expectedSha = pointer.manifestSha256;
  }
  const bytes = await storage.get(manifestKey);
  if (!bytes) throw new CheckpointError("not_found", `${what}: ${manifestKey} does not exist`);
  if (expectedSha !== null && sha256(bytes) !== expectedSha) {
    throw new CheckpointError("corrupt", `${what}: ${manifestKey} does not match the sha256 in its pointer`);
  }
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as CheckpointManifest;
  } catch (err) {
    throw new CheckpointError("corrupt", `${what}: ${manifestKey} is not valid JSON (${(err as Error).message})`);
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new CheckpointError(
      "unsupported_version",
      `${what}: formatVersion ${String(manifest.formatVersion)} is not supported (expected ${FORMAT_VERSION})`,
    );
  }
  if (!Array.isArray(manifest.files) || !Array.isArray(manifest.weightsManifest)) {
    throw new CheckpointError("corrupt", `${what}: manifest lacks files / weightsManifest`);
  }
  return { manifest, manifestKey };
}

/**
 * Reads a checkpoint ("latest", "best" or a step number) and verifies every file it reads against the manifest's
 * byte count and sha256. A missing or tampered file throws CheckpointError naming the file.
 */
export async function readCheckpoint(storage: Storage, run: RunRef, version: CheckpointVersion, opts: ReadOptions = {}): Promise<LoadedCheckpoint> {
  const { manifest, manifestKey } = await readManifest(storage, run, version);
  const tensors = await readTensors(storage, manifestKey, manifest, opts.groups, describe(run, version));
  return { manifest, manifestKey, state: { step: manifest.step, tensors } };
}

/** Reads and verifies the weight files of `groups` (default all) of an already-read manifest. */
export async function readTensors(
  storage: Storage,
  manifestKey: string,
  manifest: CheckpointManifest,
  only?: readonly string[],
  what = manifestKey,
): Promise<TensorMap> {
  const dir = manifestKey.slice(0, -"manifest.json".length);
  const groups = only ? manifest.weightsManifest.filter((g) => only.includes(g.group)) : manifest.weightsManifest;
  const missing = (only ?? []).filter((name) => !groups.some((g) => g.group === name));
  if (missing.length) throw new CheckpointError("not_found", `${what}: no tensor group ${missing.join(", ")}`);
  const files = new Map<string, Uint8Array>();
  for (const g of groups) {
    const path = g.paths[0];
    const entry = manifest.files.find((f) => f.path === path);
    if (!entry) throw new CheckpointError("corrupt", `${what}: ${path} is not listed in the manifest's files`);
    const bytes = await storage.get(dir + path);
    if (!bytes) throw new CheckpointError("corrupt", `${what}: file ${dir + path} is missing`);
    if (bytes.byteLength !== entry.bytes || sha256(bytes) !== entry.sha256) {
      throw new CheckpointError("corrupt", `${what}: file ${dir + path} fails its sha256 check (tampered or torn)`);
    }
    files.set(path, bytes);
  }
  return decodeWeights(groups, files);
}
