import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const coreSrc = path.resolve(here, "../../core/src");

/** Every module reachable through static imports and re-exports (not `import()`), with bare specifiers kept. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) walk(path.resolve(path.dirname(file), spec));
      else if (spec === "@gantry/core") walk(path.join(coreSrc, "index.ts"));
      else packages.add(spec);
    }
  };
  walk(entry);
  return { files, packages };
}

describe("the storage entry point", () => {
  it("reaches no AWS SDK module through static imports: only openStorage('s3://…') loads it, lazily", () => {
    const { files, packages } = staticGraph(path.join(here, "index.ts"));
    expect([...packages].filter((p) => p.startsWith("@aws-sdk/"))).toEqual([]);
    expect([...files].some((f) => f.includes(`${path.sep}s3${path.sep}`))).toBe(false);
    // The walk does see the S3 backend's own imports, so the check above is not vacuous.
    expect(staticGraph(path.join(here, "s3", "index.ts")).packages.has("@aws-sdk/client-s3")).toBe(true);
  });
});
