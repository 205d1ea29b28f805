import { mkdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./api-server.ts";

/** Screenshots and other test artifacts: test/artifacts/ (gitignored), or $GANTRY_E2E_ARTIFACTS. */
export const ARTIFACTS = process.env.GANTRY_E2E_ARTIFACTS ?? path.join(REPO_ROOT, "test", "artifacts");

/** The path of artifact `name`, creating the folder. */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
