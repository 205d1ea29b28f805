import { randomBytes } from "node:crypto";

/**
 * A new id `<prefix>-<ms since epoch, base36, 9 chars>-<8 hex>`: ids sort by creation time as plain strings
 * (base36 digits and lowercase letters are in ASCII order), which is what cursor pagination walks.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}-${now.toString(36).padStart(9, "0")}-${randomBytes(4).toString("hex")}`;
}
