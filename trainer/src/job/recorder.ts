import type { Storage, TrainingKeys } from "../storage/index.ts";
import type { JobEvent, JobEventType, TrainingState, TrainingStatus } from "@gantry/core";

/** Minimum time between periodic flushes (state changes flush at once). */
export const FLUSH_INTERVAL_MS = 1000;
/**
 * events.jsonl keeps the newest this many events (ids keep increasing, so a reader sees the gap): the file is
 * rewritten whole at every flush, so an unbounded log would make long runs spend their time rewriting it.
 */
export const MAX_EVENTS = 10_000;
// A periodic flush waits at least this many times the previous flush's serialisation time, so rewriting a long
// metrics.jsonl never takes more than ~5% of the job's time. Only the synchronous part counts: the writes are
// awaited while training steps run, so their wall time (seconds, on a slow step) says nothing about the cost,
// and counting it once held status.json back for minutes.
const FLUSH_BACKOFF = 20;

export interface RecorderOptions {
  onEvent?: (e: JobEvent) => void;
  now?: () => number;
}

function parseLines<T>(text: string | null): T[] {
  if (!text) return [];
  const out: T[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A torn trailing line cannot happen with atomic puts, but a hand-edited file must not stop a resume.
    }
  }
  return out;
}

/**
 * Keeps status, metric lines and events in memory and rewrites status.json, metrics.jsonl and events.jsonl whole
 * on each flush (S3 has no append). Flushes are serialised, so files are always written in order, and periodic
 * flushes are at least FLUSH_INTERVAL_MS apart.
 */
export class JobRecorder {
  readonly status: TrainingStatus;
  private metrics: Record<string, unknown>[] = [];
  private events: JobEvent[] = [];
  private nextEventId = 1;
  private lastFlush = -Infinity;
  private lastFlushMs = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  private constructor(
    private readonly storage: Storage,
    private readonly keys: TrainingKeys,
    status: TrainingStatus,
    private readonly opts: RecorderOptions,
  ) {
    this.status = status;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Opens the recorder of run `id`, continuing any files a previous attempt left: event ids keep counting, the
   * attempt number increases, and metric lines after `resumeStep` (steps the resumed run will redo) are dropped.
   */
  static async open(storage: Storage, keys: TrainingKeys, id: string, resumeStep: number | null, opts: RecorderOptions = {}): Promise<JobRecorder> {
    const prev = await storage.getJson<Partial<TrainingStatus>>(keys.status).catch(() => null);
    const nowIso = new Date((opts.now ?? Date.now)()).toISOString();
    const status: TrainingStatus = {
      id,
      status: "queued",
      progress: { step: resumeStep ?? 0, steps: prev?.progress?.steps ?? 0, stepsPerSecond: 0, etaSeconds: null },
      latestMetrics: null,
      error: null,
      backend: null,
      createdAt: prev?.createdAt ?? nowIso,
      startedAt: null,
      finishedAt: null,
      updatedAt: nowIso,
      attempt: (typeof prev?.attempt === "number" ? prev.attempt : 0) + 1,
    };
    const rec = new JobRecorder(storage, keys, status, opts);
    rec.events = parseLines<JobEvent>(await storage.getText(keys.events)).slice(-MAX_EVENTS);
    rec.nextEventId = rec.events.reduce((m, e) => Math.max(m, typeof e.id === "number" ? e.id : 0), 0) + 1;
    const lines = parseLines<Record<string, unknown>>(await storage.getText(keys.metrics));
    rec.metrics = resumeStep === null ? [] : lines.filter((l) => typeof l.step === "number" && l.step <= resumeStep);
    return rec;
  }

  /** Appends an event (ids 1-based, strictly increasing) and forwards it to onEvent. */
  event(type: JobEventType, data: Record<string, unknown>): JobEvent {
    const e: JobEvent = { id: this.nextEventId++, type, data, time: new Date(this.now()).toISOString() };
    this.events.push(e);
    // Trim in batches so each event stays O(1) amortised; flush writes only the newest MAX_EVENTS.
    if (this.events.length > MAX_EVENTS * 1.25) this.events.splice(0, this.events.length - MAX_EVENTS);
    this.opts.onEvent?.(e);
    return e;
  }

  /** Adds a metrics.jsonl line and its "metric" event. */
  metric(line: Record<string, unknown>): void {
    this.metrics.push(line);
    this.event("metric", line);
  }

  /** Number of metrics.jsonl lines held. */
  get metricCount(): number {
    return this.metrics.length;
  }

  /** Changes the state, records a "status" event and flushes at once. */
  async setState(state: TrainingState, patch: Partial<TrainingStatus> = {}): Promise<void> {
    Object.assign(this.status, patch, { status: state });
    const data: Record<string, unknown> = { status: state };
    if (this.status.error) data.error = this.status.error;
    this.event("status", data);
    await this.flush();
  }

  /** Flushes when the last flush is at least FLUSH_INTERVAL_MS (or 20 × its duration) old. */
  async maybeFlush(): Promise<void> {
    const wait = Math.max(FLUSH_INTERVAL_MS, FLUSH_BACKOFF * this.lastFlushMs);
    if (this.now() - this.lastFlush >= wait) await this.flush();
  }

  /** Writes metrics.jsonl, status.json and events.jsonl (in that order), after any flush already in progress. */
  flush(): Promise<void> {
    this.lastFlush = this.now();
    const run = async () => {
      const started = this.now();
      this.status.updatedAt = new Date(started).toISOString();
      const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
      // Snapshot before awaiting so a concurrent event cannot make the files disagree with each other.
      const status = structuredClone(this.status);
      const metrics = jsonl(this.metrics);
      const events = jsonl(this.events.slice(-MAX_EVENTS));
      this.lastFlushMs = this.now() - started;
      // status.json before events.jsonl: whoever sees a terminal status event (SSE → SDK wait) then reads a
      // status.json that already agrees. A reader that sees the terminal status.json first may find the event a
      // moment later (the SSE route waits for it briefly).
      await this.storage.put(this.keys.metrics, metrics, { contentType: "application/x-ndjson" });
      await this.storage.putJson(this.keys.status, status);
      await this.storage.put(this.keys.events, events, { contentType: "application/x-ndjson" });
    };
    const next = this.chain.then(run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
