import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import { Problem } from "../http/problem.ts";
import { divergedProblem } from "./model-health.ts";
import { isTerminal, readStatus } from "./training-store.ts";

export type ModelVersion = number | "latest" | "best";

/** Loads a generator (the trainer's loadGenerator; injectable for tests). */
export type GeneratorLoader = (storage: Storage, id: string, version: ModelVersion, opts: { ema?: boolean }) => Promise<LoadedGenerator>;

interface Entry {
  gen: LoadedGenerator;
  /** Never re-checked: loaded after its training had ended (a finished training changes no more). */
  fixed: boolean;
  checkedAt: number;
  /** Requests holding the generator right now; it is disposed only when this is 0 and it has left the cache. */
  refs: number;
  /** Out of the cache (evicted, replaced, or never admitted because it is larger than the budget). */
  out: boolean;
}

/** A load in progress; every request that joins it holds a reference to its result from the start. */
interface Loading {
  promise: Promise<Entry>;
  joiners: number;
}

export interface GeneratorCacheOptions {
  storage: Storage;
  load: GeneratorLoader;
  /** Total generator bytes kept loaded; least recently used generators are disposed beyond it. */
  budgetBytes: number;
  /** How long a generator of a still-running training is trusted before its status (and pointer) is re-read (ms). */
  refreshMs?: number;
  now?: () => number;
  /** Told once per key when a generator larger than the whole budget is served without being cached. */
  onOverBudget?: (info: { id: string; bytes: number; budgetBytes: number }) => void;
}

/**
 * LRU of loaded generators, bounded by bytes. A hit on a finished training touches no storage at all; a running
 * training's entries are re-checked at most every `refreshMs` ("latest"/"best" re-resolved, and any version
 * dropped once the run has diverged).
 *
 * Entries are reference-counted: eviction only takes an entry out of the cache, and the generator is disposed when
 * the last request using it lets go, so no request ever sees a disposed generator. A generator larger than the
 * whole budget is served to the requests that loaded it and then disposed (uncached), never kept over budget.
 */
export class GeneratorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Loading>();
  private readonly warned = new Set<string>();
  private bytes = 0;

  constructor(private readonly o: GeneratorCacheOptions) {}

  /** Runs `fn` with the generator, which stays alive (not disposed) until `fn` has settled. */
  async use<T>(id: string, version: ModelVersion, ema: boolean | undefined, fn: (gen: LoadedGenerator) => T | Promise<T>): Promise<T> {
    const key = `${id}\u0000${String(version)}\u0000${String(ema)}`;
    const entry = await this.acquire(key, id, version, ema);
    try {
      return await fn(entry.gen);
    } finally {
      this.release(entry);
    }
  }

  /** Forgets every cached generator of training `id`; ones in use are disposed when their requests end. */
  evict(id: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${id}\u0000`)) this.drop(key);
  }

  stats(): { entries: number; bytes: number; budgetBytes: number } {
    return { entries: this.entries.size, bytes: this.bytes, budgetBytes: this.o.budgetBytes };
  }

  /** A referenced entry for `key`: a fresh cached one, or one from a (possibly shared) load. */
  private async acquire(key: string, id: string, version: ModelVersion, ema: boolean | undefined): Promise<Entry> {
    const cached = this.entries.get(key);
    if (cached) {
      cached.refs++;
      if (cached.fixed || this.now() - cached.checkedAt < (this.o.refreshMs ?? 2000)) return this.touch(key, cached);
      let current = false;
      try {
        current = await this.stillCurrent(id, version, cached);
      } catch (err) {
        this.release(cached);
        if (err instanceof Problem && this.entries.get(key) === cached) this.drop(key); // diverged: never again
        throw err;
      }
      if (current) return this.touch(key, cached);
      this.release(cached);
      if (this.entries.get(key) === cached) this.drop(key);
    }
    return this.join(key, id, version, ema);
  }

  private touch(key: string, entry: Entry): Entry {
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.entries.set(key, entry); // most recently used
    }
    return entry;
  }

  private join(key: string, id: string, version: ModelVersion, ema: boolean | undefined): Promise<Entry> {
    let l = this.loading.get(key);
    if (!l) {
      const loading: Loading = { joiners: 0, promise: Promise.resolve(null as unknown as Entry) };
      loading.promise = (async () => {
        // Status first: a training that has ended published its final checkpoint before saying so. Even a numeric
        // version is fixed only once its training has ended: until then the run may still diverge, and a diverged
        // run serves nothing (model-health.ts).
        const fixed = await this.ended(id);
        const gen = await this.o.load(this.o.storage, id, version, { ema });
        // Every joiner holds a reference before any of them resumes, so none can dispose it under another.
        return this.admit(key, id, { gen, fixed, checkedAt: this.now(), refs: loading.joiners, out: false });
      })().finally(() => this.loading.delete(key));
      l = loading;
      this.loading.set(key, l);
    }
    l.joiners++;
    return l.promise;
  }

  /** Caches a freshly loaded entry if it fits the budget at all, evicting least recently used ones. */
  private admit(key: string, id: string, entry: Entry): Entry {
    if (entry.gen.bytes > this.o.budgetBytes) {
      entry.out = true;
      if (!this.warned.has(key)) {
        this.warned.add(key);
        this.o.onOverBudget?.({ id, bytes: entry.gen.bytes, budgetBytes: this.o.budgetBytes });
      }
      return entry;
    }
    if (this.entries.has(key)) this.drop(key);
    this.entries.set(key, entry);
    this.bytes += entry.gen.bytes;
    for (const k of [...this.entries.keys()]) {
      if (this.bytes <= this.o.budgetBytes) break;
      if (k !== key) this.drop(k);
    }
    return entry;
  }

  /** Whether a cached "latest"/"best" still matches its pointer; marks it fixed once the training has ended. */
  private async stillCurrent(id: string, version: ModelVersion, entry: Entry): Promise<boolean> {
    const ended = await this.ended(id);
    if (typeof version !== "number") {
      const keys = trainingKeys(id);
      const pointer = await this.o.storage.getJson<{ step?: number }>(version === "best" ? keys.best : keys.latest);
      if (pointer?.step !== entry.gen.step) return false;
    }
    entry.checkedAt = this.now();
    entry.fixed = ended;
    return true;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  /** Whether the training has ended; throws 409 model-diverged for one that diverged (never cached, never served). */
  private async ended(id: string): Promise<boolean> {
    const st = await readStatus(this.o.storage, id);
    const diverged = divergedProblem(id, st);
    if (diverged) throw diverged;
    return st !== null && isTerminal(st.status);
  }

  /** Takes `key` out of the cache; its generator is disposed now if unused, else by its last user. */
  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.gen.bytes;
    e.out = true;
    if (e.refs === 0) e.gen.dispose();
  }

  private release(e: Entry): void {
    e.refs--;
    if (e.refs === 0 && e.out) e.gen.dispose();
  }
}
