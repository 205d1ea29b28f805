/** Small content checksums for pinning dataset bytes in tests and logs. */

/** 32-bit FNV-1a over byte values (each element is taken mod 256). */
export function fnv1a(bytes: ArrayLike<number>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]! & 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Plain sum of the values (exact for byte data of any realistic size). */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}
