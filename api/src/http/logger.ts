/** Structured logger: one JSON object per line. Secrets (API keys) must never be passed in. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Writes JSON lines to `write` (default stdout) with time, level and message first. */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const log =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

/** Keeps entries in memory; for tests. */
export function memoryLogger(): Logger & { entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const log =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      entries.push({ level, msg, ...fields });
    };
  return { entries, info: log("info"), warn: log("warn"), error: log("error") };
}
