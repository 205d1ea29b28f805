/**
 * Zip extraction with the size limit enforced on the bytes actually inflated. fflate's `unzipSync` sizes each
 * member's output from the size the archive declares, so a member that lies about its size is still inflated to
 * the end (a CPU bomb) and silently cut; its streaming `Unzip` hands over inflated bytes as they are produced, so
 * the running total can stop the extraction at the limit. The input is pushed in small slices because one push can
 * inflate up to ~1000× its size (the DEFLATE maximum ratio) before the callback sees the data.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from "fflate";
import { formatBytes } from "./errors.ts";
import type { ArchiveEntry } from "./tar.ts";

const SLICE = 16 * 1024;
const EOCD = 0x06054b50;

/** True when an end-of-central-directory record sits where a zip has one (the last 22..65 557 bytes). */
function hasEndRecord(b: Uint8Array): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let e = b.length - 22; e >= 0 && b.length - e <= 65_557; e--) if (view.getUint32(e, true) === EOCD) return true;
  return false;
}

/** The archive's files; throws an Error when it is not a zip, is corrupt, or inflates past `maxBytes` in all. */
export function unzipBounded(b: Uint8Array, maxBytes: number): ArchiveEntry[] {
  if (b.length < 22 || !hasEndRecord(b)) throw new Error("not a valid zip archive (no end-of-central-directory record)");
  const out: ArchiveEntry[] = [];
  let total = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file: UnzipFile) => {
    const chunks: Uint8Array[] = [];
    file.ondata = (err, data, final) => {
      if (err) throw err;
      total += data.length;
      if (total > maxBytes) throw new Error(`decompresses to more than ${formatBytes(maxBytes)}, over the limit`);
      chunks.push(data);
      if (final) out.push({ name: file.name, data: concat(chunks) });
    };
    file.start();
  };
  try {
    for (let off = 0; off < b.length; off += SLICE) unzip.push(b.subarray(off, off + SLICE), off + SLICE >= b.length);
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.includes("over the limit") ? msg : `not a valid zip archive (${msg})`);
  }
  return out;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}
