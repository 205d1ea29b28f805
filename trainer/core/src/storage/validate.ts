const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// Control characters would corrupt logs and some filesystems; backslash is a Windows path separator.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
/** Suffix of in-flight temp files of the file backend; reserved so they never look like objects. */
export const TEMP_SUFFIX = ".gantry-tmp";
/** S3's limit on key length, applied to every backend so data can move between them. */
const MAX_KEY_BYTES = 1024;

/** Thrown when a storage key or prefix is malformed; raised before any I/O happens. */
export class InvalidKeyError extends Error {
  readonly key: string;
  constructor(key: string, reason: string) {
    super(`invalid storage key ${JSON.stringify(key)}: ${reason}`);
    this.name = "InvalidKeyError";
    this.key = key;
  }
}

/** Thrown when an id (training, dataset, study, run) is malformed; names the field. */
export class InvalidIdError extends Error {
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`invalid ${field}: ${reason}`);
    this.name = "InvalidIdError";
    this.field = field;
  }
}

/**
 * Checks that `id` is usable as one key segment: 1-128 characters from [A-Za-z0-9._-], starting
 * with a letter or digit (so never "." or ".."). Returns the id; throws `InvalidIdError` naming
 * `field` otherwise.
 */
export function validateId(id: unknown, field = "id"): string {
  if (typeof id !== "string") throw new InvalidIdError(field, `expected a string, got ${typeof id}`);
  const shown = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
  if (id.length === 0) throw new InvalidIdError(field, "must not be empty");
  if (id === "." || id === "..") throw new InvalidIdError(field, `${shown} is a path alias`);
  if (id.length > 128) throw new InvalidIdError(field, `${shown} is longer than 128 characters`);
  if (!ID_RE.test(id)) {
    throw new InvalidIdError(field, `${shown} must contain only letters, digits, ".", "_" or "-" and start with a letter or digit`);
  }
  return id;
}

/** Why `key` is not a valid object key, or null when it is valid. */
export function keyProblem(key: unknown): string | null {
  if (typeof key !== "string") return `expected a string, got ${typeof key}`;
  if (key.length === 0) return "must not be empty";
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return `longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith("/")) return "must not start with /";
  if (key.includes("\\")) return "must not contain a backslash";
  if (CONTROL_RE.test(key)) return "must not contain control characters";
  for (const segment of key.split("/")) {
    if (segment === "") return "must not contain empty segments (// or a trailing /)";
    if (segment === "." || segment === "..") return `must not contain a "${segment}" segment`;
    if (segment.endsWith(TEMP_SUFFIX)) return `segments ending in "${TEMP_SUFFIX}" are reserved`;
  }
  return null;
}

/** Returns `key` when it is a valid object key; throws `InvalidKeyError` naming it otherwise. */
export function validateKey(key: string): string {
  const problem = keyProblem(key);
  if (problem !== null) throw new InvalidKeyError(String(key), problem);
  return key;
}

/** A list prefix is "" (everything) or a valid key, optionally followed by one "/". */
export function validatePrefix(prefix: string): string {
  if (prefix === "") return prefix;
  const body = typeof prefix === "string" && prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  const problem = keyProblem(body);
  if (problem !== null) throw new InvalidKeyError(String(prefix), problem);
  return prefix;
}

/** Orders keys by their UTF-8 bytes, which is the order S3 lists them in. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
