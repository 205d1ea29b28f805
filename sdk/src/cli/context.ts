import { readFileSync } from "node:fs";
import path from "node:path";
import { Gantry } from "../client.ts";
import { WaitTimeoutError } from "../core/errors.ts";

/**
 * Exit codes, one table for every Gantry command (`gantry`, `gantry-train`, `gantry-study`; the README's "Exit codes"
 * section). 0-3 mean the same as gantry-train's; 4-6 exist only where an API or gates are involved.
 */
export const EXIT = {
  OK: 0,
  /** The training (or study) ended failed or canceled. */
  TRAINING_FAILED: 1,
  /** Bad input: flags, config file, gate expression, or a config the API rejected (400/422). */
  BAD_INPUT: 2,
  /** Interrupted (Ctrl-C) while waiting; the training keeps running on the server. */
  INTERRUPTED: 3,
  /** The API answered with another error, or could not be reached. */
  API_ERROR: 4,
  /** --timeout passed before the training or study ended (it keeps running). */
  TIMEOUT: 5,
  /** The training succeeded but a --gate failed (or its metric was not reported). */
  GATE_FAILED: 6,
} as const;

/** Bad invocation: printed with a pointer to --help, exit code 2 (bad input). */
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
/**
 * An integer flag of at least `min`. `max` is for limits of the CLI itself; a limit the API enforces is left out, so
 * the server's 422 (naming e.g. body.n) states the one bound instead of a copy here that could drift.
 */
export function intFlag(name: string, v: string | undefined, min: number, max?: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
    const range = max === undefined ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new UsageError(`--${name}: expected ${range}, got ${JSON.stringify(v)}`);
  }
  return n;
}

export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/**
 * A `.catch` handler for waits bounded by --timeout: the SDK counts milliseconds, the flag was given in seconds, so
 * the message says it back as given ("within --timeout 8 s").
 */
export function sayTimeoutAsGiven(what: string, given: string | undefined): (err: unknown) => never {
  return (err) => {
    if (err instanceof WaitTimeoutError) throw new WaitTimeoutError(`${what} did not finish within --timeout ${given} s`, { cause: err });
    throw err;
  };
}
