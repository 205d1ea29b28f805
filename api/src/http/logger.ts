import pino from "pino";

/**
 * The API's logger: a message plus structured fields (Powertools' call shape, so the Lambda entry can hand in its
 * Powertools logger unchanged). Behind the Node server it is pino: levels (GANTRY_LOG_LEVEL) and redaction.
 */
export interface Logger {
  debug?(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** The pino logger behind it, when there is one: the request log writes its lines (with headers) straight to it. */
  readonly pino?: pino.Logger;
}

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Never written, wherever they appear in a line: credentials in request headers (the request log records headers)
 * and in any field a caller passes by mistake. The censor keeps the key, so a reader sees that one was sent.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  "req.headers.cookie",
  "authorization",
  "apiKey",
  "apiKeys",
  "secret",
  "*.authorization",
  "*.apiKey",
  "*.apiKeys",
  "*.secret",
];

/** A Logger on pino writing JSON lines (time, level name, fields, msg) to `destination` (default stdout, synchronous). */
export function jsonLogger(o: { level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  const p = pino(
    {
      level: o.level ?? "info",
      // No pid/hostname on every line; the level by name, the time as ISO 8601 (what the logs used before pino).
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    // Synchronous: `shutting down` and the last request lines must reach the pipe before process.exit.
    o.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    pino: p,
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
  };
}

/** The same pino logger, keeping each line parsed in memory (exactly what would have been written); for tests. */
export function memoryLogger(level: LogLevel = "debug"): Logger & { entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void entries.push(JSON.parse(line) as Record<string, unknown>) };
  return { ...jsonLogger({ level, destination }), entries };
}
