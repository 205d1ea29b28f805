import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Type-checks `file` (and what it imports) with the package's tsconfig; returns the diagnostics as text. */
function typecheck(file: string): string[] {
  const configPath = path.resolve(SRC, "..", "tsconfig.json");
  const cfg = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!cfg) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram([file], cfg.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("types", () => {
  it("reject wrong request shapes and give the documented result types", () => {
    // Zero diagnostics also means every @ts-expect-error in type-checks.ts met an error (else TS2578).
    expect(typecheck(path.join(SRC, "type-checks.ts"))).toEqual([]);
    expect(readFileSync(path.join(SRC, "type-checks.ts"), "utf8").match(/@ts-expect-error/g)?.length).toBeGreaterThanOrEqual(10);
  }, 60_000);
});

describe("portability", () => {
  it("keeps node:* imports out of the SDK core (browsers and edge runtimes)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!["cli", "testing"].includes(e.name)) walk(full);
        } else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
          // Comments (JSDoc examples mention process.env) are stripped first.
          const code = readFileSync(full, "utf8")
            .replace(/\/\*[\s\S]*?\*\//g, "")
            .replace(/^\s*\/\/.*$/gm, "");
          if (/from\s+["']node:|require\(|\bprocess\.|\bBuffer\b/.test(code)) offenders.push(path.relative(SRC, full));
        }
      }
    };
    walk(SRC);
    expect(offenders).toEqual([]);
  });
});
