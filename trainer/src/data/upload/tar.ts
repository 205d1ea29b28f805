/**
 * Minimal tar reader (ustar, with GNU long names and pax 'path' records): 512-byte headers, octal size, data padded
 * to 512 bytes, two zero blocks at the end. Only regular files are returned; directories and links are skipped.
 */

export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;

function text(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return new TextDecoder().decode(nul === -1 ? b : b.subarray(0, nul));
}

function octal(b: Uint8Array, what: string, offset: number): number {
  const s = text(b).trim();
  if (!/^[0-7]*$/.test(s)) throw new Error(`corrupt tar header at byte ${offset}: bad ${what} field`);
  return s === "" ? 0 : parseInt(s, 8);
}

function paxPath(data: Uint8Array): string | undefined {
  // Records are "<len> <key>=<value>\n".
  for (const rec of text(data).split("\n")) {
    const m = /^\d+ path=(.*)$/.exec(rec);
    if (m) return m[1];
  }
  return undefined;
}

/** Lists the regular files of a tar archive; throws an Error on a corrupt or truncated archive. */
export function readTar(b: Uint8Array): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + BLOCK <= b.length) {
    const h = b.subarray(off, off + BLOCK);
    if (h.every((x) => x === 0)) return out; // end-of-archive marker
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    if (octal(h.subarray(148, 156), "checksum", off) !== sum) {
      throw new Error(`corrupt tar header at byte ${off} (checksum mismatch)`);
    }
    const size = octal(h.subarray(124, 136), "size", off);
    const type = String.fromCharCode(h[156]!);
    const start = off + BLOCK;
    if (start + size > b.length) throw new Error(`truncated tar archive: entry at byte ${off} runs past the end`);
    const data = b.subarray(start, start + size);
    const isUstar = text(h.subarray(257, 263)).startsWith("ustar");
    const prefix = isUstar ? text(h.subarray(345, 500)) : "";
    const name = longName ?? (prefix ? `${prefix}/${text(h.subarray(0, 100))}` : text(h.subarray(0, 100)));
    if (type === "L") longName = text(data);
    else if (type === "x") longName = paxPath(data) ?? longName;
    else {
      longName = undefined;
      if (type === "0" || type === "\0" || type === "7") out.push({ name, data });
    }
    off = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  if (off !== b.length) throw new Error("truncated tar archive (partial header block at the end)");
  return out;
}
