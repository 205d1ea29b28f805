/**
 * The one id format for everything Gantry creates (trainings, datasets, studies): `<prefix>-<ms since epoch in
 * base36, 9 chars>-<8 hex>`, e.g. `t-0m3x2k9ab-4f7c1e02`. Ids sort by creation time as plain strings (base36 digits
 * and lowercase letters are in ASCII order), which cursor pagination and "newest first" listings rely on, and every
 * id passes `validateId`, so it is one storage key segment.
 */

export const ID_PREFIX = { training: "t", dataset: "d", study: "s" } as const;
export type IdKind = keyof typeof ID_PREFIX;

/** A fresh id of `kind`; `now` (ms since epoch) is a parameter so tests can pin the time part. */
export function newId(kind: IdKind, now: number = Date.now()): string {
  // Web Crypto (global in Node ≥ 19 and browsers) rather than node:crypto, so this module stays platform-neutral.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${ID_PREFIX[kind]}-${now.toString(36).padStart(9, "0")}-${hex}`;
}

/** Matches exactly the ids `newId` makes for `kind`. */
export function isGeneratedId(kind: IdKind, id: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}-[0-9a-z]{9}-[0-9a-f]{8}$`).test(id);
}
