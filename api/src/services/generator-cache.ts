import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import { isTerminal, readStatus } from "./training-store.ts";

export type ModelVersion = number | "latest" | "best";

/** Loads a generator (the trainer's loadGenerator; injectable for tests). */
export type GeneratorLoader = (storage: Storage, id: string, version: ModelVersion, opts: { ema?: boolean }) => Promise<LoadedGenerator>;

interface Entry {
  gen: LoadedGenerator;
  /** Never re-resolve: a numeric version, or a pointer of a training that had already ended when loaded. */
  fixed: boolean;
  checkedAt: number;
}

export interface GeneratorCacheOptions {
  storage: Storage;
  load: GeneratorLoader;
  /** Total generator bytes kept loaded; least recently used generators are disposed beyond it. */
  budgetBytes: number;
  /** How long a "latest"/"best" of a still-running training is trusted before its pointer is re-read (ms). */
  refreshMs?: number;
  now?: () => number;
}

/**
 * LRU of loaded generators, bounded by bytes. A hit on a numeric version or on a finished training touches no
 * storage at all; "latest"/"best" of a running training are re-resolved at most every `refreshMs`.
 */
export class GeneratorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private bytes = 0;

  constructor(private readonly o: GeneratorCacheOptions) {}

  /** Runs `fn` with the generator; `fn` is synchronous so nothing can evict (dispose) it meanwhile. */
  async use<T>(id: string, version: ModelVersion, ema: boolean | undefined, fn: (gen: LoadedGenerator) => T): Promise<T> {
    const key = `${id}\u0000${String(version)}\u0000${String(ema)}`;
    for (let attempt = 0; ; attempt++) {
      let entry = this.entries.get(key);
      if (entry && !entry.fixed && this.now() - entry.checkedAt >= (this.o.refreshMs ?? 2000)) {
        entry = (await this.stillCurrent(id, version, entry)) ? entry : undefined;
        if (!entry) this.drop(key);
      }
      entry ??= await this.loadOnce(key, id, version, ema);
      // Another request may have evicted it while we awaited; then load again (bounded, for safety).
      if (this.entries.get(key) !== entry && attempt < 3) continue;
      this.entries.delete(key);
      this.entries.set(key, entry); // most recently used
      const result = fn(entry.gen);
      this.shrink(key);
      return result;
    }
  }

  /** Whether a cached "latest"/"best" still matches its pointer; marks it fixed once the training has ended. */
  private async stillCurrent(id: string, version: ModelVersion, entry: Entry): Promise<boolean> {
    const ended = await this.ended(id);
    const keys = trainingKeys(id);
    const pointer = await this.o.storage
      .getJson<{ step?: number }>(version === "best" ? keys.best : keys.latest)
      .catch(() => null);
    if (pointer?.step !== entry.gen.step) return false;
    entry.checkedAt = this.now();
    entry.fixed = ended;
    return true;
  }

  /** Forgets (and disposes) every cached generator of training `id`. */
  evict(id: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${id}\u0000`)) this.drop(key);
  }

  stats(): { entries: number; bytes: number; budgetBytes: number } {
    return { entries: this.entries.size, bytes: this.bytes, budgetBytes: this.o.budgetBytes };
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private async ended(id: string): Promise<boolean> {
    const st = await readStatus(this.o.storage, id);
    return st !== null && isTerminal(st.status);
  }

  private loadOnce(key: string, id: string, version: ModelVersion, ema: boolean | undefined): Promise<Entry> {
    let p = this.loading.get(key);
    if (!p) {
      p = (async () => {
        // Status first: a training that has ended published its final checkpoint before saying so.
        const fixed = typeof version === "number" || (await this.ended(id));
        const gen = await this.o.load(this.o.storage, id, version, { ema });
        return this.insert(key, { gen, fixed, checkedAt: this.now() });
      })().finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  private insert(key: string, entry: Entry): Entry {
    const old = this.entries.get(key);
    if (old && old !== entry) this.drop(key);
    this.entries.set(key, entry);
    this.bytes += entry.gen.bytes;
    return entry;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.gen.bytes;
    e.gen.dispose();
  }

  /** Disposes least recently used generators until within budget, keeping `keep` (just used). */
  private shrink(keep: string): void {
    for (const key of [...this.entries.keys()]) {
      if (this.bytes <= this.o.budgetBytes) return;
      if (key !== keep) this.drop(key);
    }
    // A single generator larger than the whole budget is not kept.
    if (this.bytes > this.o.budgetBytes) this.drop(keep);
  }
}
