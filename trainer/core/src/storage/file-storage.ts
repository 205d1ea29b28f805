import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, readdir, rename, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { BaseStorage, toBytes } from "./base-storage.ts";
import type { GetOptions, ObjectInfo, PutOptions } from "./types.ts";
import { InvalidKeyError, TEMP_SUFFIX, compareKeys, keyProblem, validateKey, validatePrefix } from "./validate.ts";

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

// A key whose path (or a parent) is absent, is a file used as a directory, or is a directory is
// simply not an object.
function isMissing(err: unknown): boolean {
  const code = errCode(err);
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

/**
 * Objects as files under a root directory; key "a/b.json" is `<root>/a/b.json`. Writes go to a
 * temp file in the target's directory, are fsynced, then renamed over the target, so readers see
 * the old or the new content, never a torn file. Limitation: a key cannot be both an object and a
 * prefix of another ("a" and "a/b"), which S3 allows.
 */
export class FileStorage extends BaseStorage {
  readonly url: string;
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = path.resolve(root);
    this.url = `file://${this.root}`;
  }

  private pathOf(key: string): string {
    validateKey(key);
    const file = path.join(this.root, ...key.split("/"));
    // Defence in depth: validation already rules out "..", absolute paths and backslashes.
    if (!file.startsWith(this.root + path.sep)) throw new InvalidKeyError(key, "escapes the storage root");
    return file;
  }

  async get(key: string, opts: GetOptions = {}): Promise<Uint8Array | null> {
    const file = this.pathOf(key);
    try {
      const buf = await readFile(file, { signal: opts.signal });
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async put(key: string, body: Uint8Array | string, opts: PutOptions = {}): Promise<void> {
    const file = this.pathOf(key);
    const data = toBytes(body);
    opts.signal?.throwIfAborted();
    // A concurrent delete may prune the freshly created parent directory; recreate and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeAtomic(file, data, opts.signal);
      } catch (err) {
        if (errCode(err) !== "ENOENT" || attempt >= 3) throw err;
      }
    }
  }

  private async writeAtomic(file: string, data: Uint8Array, signal?: AbortSignal): Promise<void> {
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(data, { signal });
      await handle.sync();
      await handle.close();
      await rename(tmp, file);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.pathOf(key);
    try {
      const st = await stat(file);
      return st.isFile() ? { key, size: st.size, lastModified: st.mtime } : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    validatePrefix(prefix);
    // Only the directory holding the prefix's last complete segment can contain matches.
    const baseRel = prefix.slice(0, prefix.lastIndexOf("/") + 1);
    const found: ObjectInfo[] = [];
    await this.walk(path.join(this.root, ...baseRel.split("/").filter(Boolean)), baseRel, prefix, found);
    found.sort((a, b) => compareKeys(a.key, b.key));
    yield* found;
  }

  private async walk(dir: string, rel: string, prefix: string, out: ObjectInfo[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const entry of entries) {
      const key = rel + entry.name;
      // Skips temp files and stray names no key could produce.
      if (keyProblem(key) !== null) continue;
      if (entry.isDirectory()) {
        const sub = `${key}/`;
        if (sub.startsWith(prefix) || prefix.startsWith(sub)) await this.walk(path.join(dir, entry.name), sub, prefix, out);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await this.head(key);
        if (info) out.push(info);
      }
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await unlink(file);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    await this.pruneEmptyDirs(path.dirname(file));
  }

  async deletePrefix(prefix: string): Promise<number> {
    validatePrefix(prefix);
    if (prefix === "") throw new InvalidKeyError(prefix, "deletePrefix needs a non-empty prefix");
    let count = 0;
    for await (const info of this.list(prefix)) {
      await this.delete(info.key);
      count++;
    }
    return count;
  }

  // Removes now-empty parents up to (not including) the root so deleted trees leave no residue.
  private async pruneEmptyDirs(dir: string): Promise<void> {
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
      dir = path.dirname(dir);
    }
  }
}
