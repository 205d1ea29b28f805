import { createParser, type EventSourceMessage } from "eventsource-parser";
import { AbortError, ConnectionError } from "./errors.ts";
import { sleep } from "./retry.ts";

export interface SseOptions {
  /** Opens the stream, resuming after `lastEventId` when given. Rejections end the iteration. */
  open: (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>;
  /** Resume point for the first connection. */
  lastEventId?: string;
  signal?: AbortSignal;
  /** True for the message after which the stream is complete. */
  isLast: (m: EventSourceMessage) => boolean;
  /** Asked when a stream ends (or breaks) before the last message: true = nothing more will come, stop. */
  isFinished: () => Promise<boolean>;
  /** Consecutive broken connections without a new message before giving up. Default 5. */
  maxReconnects?: number;
  /** Reconnect after this long without any bytes (the server comments every 15 s). Default 60 000 ms. */
  idleTimeoutMs?: number;
}

/**
 * Server-Sent Events over fetch, parsed with eventsource-parser. Reconnects with Last-Event-ID when a stream ends
 * or breaks before `isLast`, waiting the server's `retry:` interval, so no message is lost or repeated.
 */
export async function* sseMessages(o: SseOptions): AsyncGenerator<EventSourceMessage> {
  let lastEventId = o.lastEventId;
  let retryMs = 1000;
  let failures = 0;
  for (;;) {
    if (o.signal?.aborted) throw new AbortError(undefined, { cause: o.signal.reason });
    const conn = new AbortController();
    const onAbort = () => conn.abort(o.signal?.reason);
    o.signal?.addEventListener("abort", onAbort, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => conn.abort(new ConnectionError("event stream idle")), o.idleTimeoutMs ?? 60_000);
    };
    const queue: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (m) => queue.push(m), onRetry: (ms) => (retryMs = ms) });
    let gotMessage = false;
    let broken: unknown = null;
    try {
      const res = await o.open(lastEventId, conn.signal);
      if (!res.body) throw new ConnectionError("the event stream response has no body");
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        touch();
        for (;;) {
          let chunk: ReadableStreamReadResult<string>;
          try {
            chunk = await reader.read();
          } catch (err) {
            if (o.signal?.aborted) throw new AbortError(undefined, { cause: err });
            broken = err;
            break;
          }
          if (chunk.done) break;
          touch();
          parser.feed(chunk.value);
          while (queue.length > 0) {
            // The consumer may have aborted while handling the previous message; stop before the next.
            if (o.signal?.aborted) throw new AbortError(undefined, { cause: o.signal.reason });
            const m = queue.shift()!;
            if (m.id !== undefined) lastEventId = m.id;
            gotMessage = true;
            failures = 0;
            yield m;
            if (o.isLast(m)) return;
          }
        }
      } finally {
        // Closes the connection when the consumer stops early (break) or an error ends the loop. Not awaited:
        // cancelling an already-aborted body may never settle, and the abort below releases the socket anyway.
        reader.cancel().catch(() => undefined);
      }
    } finally {
      conn.abort();
      clearTimeout(idle);
      o.signal?.removeEventListener("abort", onAbort);
    }
    if (!gotMessage && broken !== null && ++failures > (o.maxReconnects ?? 5)) {
      throw new ConnectionError(`the event stream broke ${failures} times in a row`, { cause: broken });
    }
    if (await o.isFinished()) return;
    await sleep(retryMs, o.signal);
  }
}
