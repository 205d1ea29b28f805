import { readFileSync } from "node:fs";
import path from "node:path";
import { Gantry } from "../client.ts";

/** Exit codes of the gantry command (documented in --help and the README). */
export const EXIT = {
  OK: 0,
  /** The training succeeded but a --gate failed (or its metric was not reported). */
  GATE_FAILED: 1,
  /** The training ended failed or canceled. */
  TRAINING_FAILED: 2,
  /** The API answered with an error, or could not be reached. */
  API_ERROR: 3,
  /** Bad flags, config file or gate expression. */
  USAGE: 4,
  /** --timeout passed before the training or study ended (it keeps running). */
  TIMEOUT: 5,
  /** Interrupted (Ctrl-C) while waiting; the training keeps running. */
  INTERRUPTED: 130,
} as const;

/** Bad invocation: printed with a pointer to --help, exit code 4. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** What a command may touch: output streams, environment and working directory. */
export interface Io {
  stdout: Out;
  stderr: Out;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Fires on Ctrl-C while a command waits. */
  interrupt: AbortSignal;
}

/** The client from --url/--api-key, falling back to GANTRY_URL/GANTRY_API_KEY. */
export function clientFrom(values: { url?: string | undefined; "api-key"?: string | undefined }, io: Io): Gantry {
  const baseUrl = values.url ?? io.env.GANTRY_URL;
  if (!baseUrl) throw new UsageError("no API address: set GANTRY_URL or pass --url");
  const apiKey = values["api-key"] ?? io.env.GANTRY_API_KEY ?? null;
  return new Gantry({ baseUrl, apiKey });
}

/** Parses a JSON file given on the command line; errors name the file. */
export function readJsonFile(file: string, io: Io): Record<string, unknown> {
  const full = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`${file} must hold a JSON object`);
  return value as Record<string, unknown>;
}

/** A positive number of seconds from a flag, as milliseconds. */
export function secondsFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name}: expected a positive number of seconds, got ${JSON.stringify(v)}`);
  return n * 1000;
}

/** An integer flag within [min, max]. */
export function intFlag(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
