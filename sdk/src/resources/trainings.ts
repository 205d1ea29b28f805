import { AbortError, GantryError, WaitTimeoutError } from "../core/errors.ts";
import { PagePromise } from "../core/pagination.ts";
import { withDeadline } from "../core/signals.ts";
import { sseMessages } from "../core/sse.ts";
import type { RequestOptions, Transport } from "../core/transport.ts";
import {
  TERMINAL_TRAINING_STATES,
  type ListTrainingsParams,
  type MetricLine,
  type MetricsParams,
  type PageBody,
  type Training,
  type TrainingConfig,
  type TrainingEvent,
  type TrainingProgress,
  type TrainingStatusEvent,
} from "../types.ts";

export interface CreateTrainingOptions extends RequestOptions {
  /** `Prefer: wait=<seconds>` (max 60): the server holds the response until the training ends or time runs out. */
  wait?: number;
}

export interface EventsOptions {
  signal?: AbortSignal;
  /** Resume after this event id. */
  lastEventId?: number;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up (WaitTimeoutError) after this many ms; the training keeps running. */
  timeout?: number;
  onProgress?: (progress: TrainingProgress) => void;
  /** Every event, in order (progress, metric, status, log). */
  onEvent?: (event: TrainingEvent) => void;
}

const seg = encodeURIComponent;

/** /v1/trainings */
export class Trainings {
  constructor(private readonly t: Transport) {}

  /** Submits a training; it starts queued (202) unless `wait` let it finish first (200). */
  create(config: TrainingConfig, opts: CreateTrainingOptions = {}): Promise<Training> {
    const { wait, ...rest } = opts;
    const headers = { ...rest.headers, ...(wait !== undefined ? { prefer: `wait=${Math.round(wait)}` } : {}) };
    // The server may hold the response for `wait` seconds; the per-attempt timeout must outlast it.
    const timeout = wait !== undefined ? Math.max(rest.timeout ?? 0, wait * 1000 + 30_000) : rest.timeout;
    return this.t.json<Training>({ method: "POST", path: "/v1/trainings", json: config }, { ...rest, headers, ...(timeout ? { timeout } : {}) });
  }

  get(id: string, opts?: RequestOptions): Promise<Training> {
    return this.t.json<Training>({ method: "GET", path: `/v1/trainings/${seg(id)}` }, opts);
  }

  /** Newest first; `await` for one page or `for await` over every training. */
  list(params: ListTrainingsParams = {}, opts?: RequestOptions): PagePromise<Training> {
    return new PagePromise((cursor) => this.t.json<PageBody<Training>>({ method: "GET", path: "/v1/trainings", query: { ...params, cursor } }, opts));
  }

  /** Cancels a queued or running training (ConflictError when it already ended). */
  cancel(id: string, opts?: RequestOptions): Promise<Training> {
    return this.t.json<Training>({ method: "POST", path: `/v1/trainings/${seg(id)}/cancel` }, opts);
  }

  /**
   * Queues a canceled or failed training again; it continues from its latest checkpoint. ConflictError when it
   * cannot be resumed, its `code` saying why (already-succeeded, not-ended, final-failure, checkpoint-corrupt).
   */
  resume(id: string, opts?: RequestOptions): Promise<Training> {
    return this.t.json<Training>({ method: "POST", path: `/v1/trainings/${seg(id)}/resume` }, opts);
  }

  /** metrics.jsonl lines in step order (`since`: only steps after it). */
  async metrics(id: string, params: MetricsParams = {}, opts?: RequestOptions): Promise<MetricLine[]> {
    const body = await this.t.json<{ data: MetricLine[] }>({ method: "GET", path: `/v1/trainings/${seg(id)}/metrics`, query: { ...params } }, opts);
    return body.data;
  }

  /**
   * The training's events from the start (or after `lastEventId`) until its terminal status event, reconnecting
   * with Last-Event-ID if the connection drops.
   */
  async *events(id: string, opts: EventsOptions = {}): AsyncGenerator<TrainingEvent> {
    const messages = sseMessages({
      lastEventId: opts.lastEventId === undefined ? undefined : String(opts.lastEventId),
      ...(opts.signal ? { signal: opts.signal } : {}),
      open: (lastEventId, signal) =>
        this.t.send(
          { method: "GET", path: `/v1/trainings/${seg(id)}/events`, accept: "text/event-stream" },
          { signal, ...(lastEventId ? { headers: { "last-event-id": lastEventId } } : {}) },
        ),
      isLast: (m) => isTerminalEvent(parseEvent(m.data)),
      // A stream that ended without a terminal event (a proxy cut it, or the event was never written):
      // the training's own status decides whether to reconnect.
      isFinished: async () => TERMINAL_TRAINING_STATES.has((await this.get(id, opts.signal ? { signal: opts.signal } : {})).status),
    });
    for await (const m of messages) {
      const event = parseEvent(m.data);
      if (event) yield event;
    }
  }

  /**
   * Follows the event stream until the training ends and returns its final state (whatever the outcome:
   * check `status`). Throws WaitTimeoutError (a TimeoutError) after `timeout` ms and AbortError when `signal` fires.
   */
  async wait(id: string, opts: WaitOptions = {}): Promise<Training> {
    const d = withDeadline(opts.signal, opts.timeout, `waiting for training ${id}`);
    const o = d.signal ? { signal: d.signal } : {};
    try {
      // The stream replays the training's history first; onProgress should see where it stands, not re-live every
      // stored step (a finished training would report its whole run at once). So: one GET, report its progress
      // once, and from the stream only progress beyond it. onEvent still gets every event, in order.
      const before = await this.get(id, o);
      if (!opts.onEvent && TERMINAL_TRAINING_STATES.has(before.status)) {
        opts.onProgress?.(before.progress);
        return before;
      }
      opts.onProgress?.(before.progress);
      let terminal: TrainingStatusEvent | null = null;
      for await (const ev of this.events(id, o)) {
        opts.onEvent?.(ev);
        if (ev.type === "progress" && ev.data.step > before.progress.step) opts.onProgress?.(ev.data);
        if (isTerminalEvent(ev)) terminal = ev;
      }
      // Jobs write status.json before the terminal event, so one GET agrees with it. Should it still lag (a server
      // from before that order), the terminal event is the authority on how the training ended.
      const t = await this.get(id, o);
      if (terminal === null || TERMINAL_TRAINING_STATES.has(t.status)) return t;
      return { ...t, status: terminal.data.status, error: terminal.data.error ?? t.error };
    } catch (err) {
      if (d.timedOut() && err instanceof AbortError)
        throw new WaitTimeoutError(`training ${id} did not finish within ${opts.timeout} ms`, { cause: err });
      throw err;
    } finally {
      d.dispose();
    }
  }
}

function parseEvent(data: string): TrainingEvent | null {
  try {
    const e = JSON.parse(data) as TrainingEvent;
    return typeof e === "object" && e !== null && typeof e.type === "string" ? e : null;
  } catch {
    throw new GantryError(`the event stream sent data that is not JSON: ${data.slice(0, 200)}`);
  }
}

const isTerminalEvent = (e: TrainingEvent | null): e is TrainingStatusEvent => e?.type === "status" && TERMINAL_TRAINING_STATES.has(e.data.status);
