import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** trainer/studies/: bundled study configs, one JSON file per preset. */
export const PRESETS_DIR = fileURLToPath(new URL("../../studies/", import.meta.url));

/** Names of the bundled presets (file names without .json), sorted. */
export function listPresets(): string[] {
  try {
    return readdirSync(PRESETS_DIR)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** The raw (unvalidated) config of a bundled preset; throws naming the valid presets for an unknown name. */
export async function loadPreset(name: string): Promise<unknown> {
  if (!listPresets().includes(name)) {
    throw new Error(`unknown preset "${name}"; bundled presets: ${listPresets().join(", ") || "none"}`);
  }
  return JSON.parse(await readFile(`${PRESETS_DIR}${name}.json`, "utf8")) as unknown;
}
