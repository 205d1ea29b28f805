// Training event streams: GET /v1/trainings/{id}/events through EventSource, or fetch when a key must be sent.
import { ApiError, authHeaders, failure, getKey, url } from "./api.js";
import { EVENT_TYPES } from "./config.js";
import { createSseParser } from "./sse.js";

/**
 * Follows /v1/trainings/{id}/events. onEvent gets each parsed event {id, type, data, time}; onState "live",
 * "reconnecting" or "closed". Uses EventSource when no key is set; otherwise reads the stream with fetch and
 * resumes with Last-Event-ID itself. Returns a function that stops following.
 */
export function followEvents(id, onEvent, onState = () => {}) {
  const path = `v1/trainings/${encodeURIComponent(id)}/events`;
  const handle = (raw) => {
    let e;
    try {
      e = JSON.parse(raw);
    } catch {
      return; // a malformed frame is skipped; the next one still counts
    }
    onEvent(e);
  };
  if (!getKey()) {
    const es = new EventSource(url(path));
    es.onopen = () => onState("live");
    // The server ends the stream after a terminal status; callers close on that event, so an error here is a drop.
    es.onerror = () => onState(es.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    for (const t of EVENT_TYPES) es.addEventListener(t, (m) => handle(m.data));
    return () => es.close();
  }
  const ctrl = new AbortController();
  let retryMs = 1000;
  let last = "";
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const res = await fetch(url(path), {
          headers: { Accept: "text/event-stream", ...authHeaders(), ...(last ? { "Last-Event-ID": last } : {}) },
          signal: ctrl.signal,
        });
        if (!res.ok) throw await failure(res);
        onState("live");
        const parser = createSseParser(
          (m) => {
            last = m.id || last;
            if (EVENT_TYPES.includes(m.type)) handle(m.data);
          },
          (ms) => {
            retryMs = ms;
          },
        );
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } catch (err) {
        if (stopped || err?.name === "AbortError") return;
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
          onState("closed");
          return; // 401/404 will not heal by retrying
        }
      }
      if (stopped) return;
      onState("reconnecting");
      await new Promise((r) => setTimeout(r, retryMs));
    }
  };
  void run();
  return () => {
    stopped = true;
    ctrl.abort();
  };
}
