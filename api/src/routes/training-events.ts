import { z } from "@hono/zod-openapi";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { StorageUnavailableError } from "@gantry/core";
import { trainingKeys } from "@gantry/trainer/storage";
import type { ResolvedDeps } from "../deps.ts";
import { invalid, notFound, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute } from "../http/route.ts";
import { IdParams } from "../schemas/common.ts";
import { TrainingEventSchema } from "../schemas/events.ts";
import { TERMINAL_STATES, type TrainingState } from "../schemas/training.ts";
import { readStatus, type StoredEvent } from "../services/training-store.ts";

const EventsHeaders = z.object({
  "last-event-id": z.string().optional().openapi({ description: "Resume after this event id (sent by EventSource on reconnect)." }),
});
const EventsQuery = z.object({
  lastEventId: z
    .string()
    .optional()
    .openapi({ param: { name: "lastEventId", in: "query" }, description: "Same as Last-Event-ID, for clients that cannot set headers." }),
});

const KEEPALIVE_MS = 15_000;
/**
 * Poll intervals to keep waiting for the terminal event once status.json is terminal: writers (the job, the
 * runner's finalize) write status.json first and events.jsonl right after, so the event normally follows within
 * one storage write; a writer that died in between never sends it, and the stream then ends without it.
 */
const TERMINAL_EVENT_POLLS = 10;
/** Consecutive polls a stream rides out storage errors for before it ends (the client then reconnects). */
const STORAGE_OUTAGE_POLLS = 10;

const isTerminalStatusEvent = (e: StoredEvent): boolean => e.type === "status" && TERMINAL_STATES.has(e.data.status as TrainingState);

function parseEvents(text: string): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as StoredEvent);
    } catch {
      // Each rewrite is atomic, so a bad line is corruption; skipping it keeps the stream alive.
    }
  }
  return out;
}

/** /v1/trainings/{id}/events: the job's events.jsonl as Server-Sent Events. */
export function trainingEventsRoutes(d: ResolvedDeps) {
  const app = newRouter();
  app.openapi(
    securedRoute("train", {
      method: "get",
      path: "/{id}/events",
      tags: ["trainings"],
      operationId: "streamTrainingEvents",
      summary: "Stream training events (SSE)",
      description:
        "Server-Sent Events: `event` is progress | metric | status | log, `id` the event number, `data` the JSON event " +
        "{ id, type, data, time }. Send Last-Event-ID to resume. The stream ends after a terminal status " +
        "(succeeded, failed, canceled); a terminal status that a resume superseded is skipped on replay. Comment " +
        "lines keep idle connections open.",
      request: { params: IdParams, headers: EventsHeaders, query: EventsQuery },
      responses: {
        200: {
          description:
            "An event stream. The schema describes one message's `data` (a TrainingEvent); the SSE `event` field " +
            "repeats its `type` and `id` its `id`.",
          content: { "text/event-stream": { schema: TrainingEventSchema } },
        },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const raw = c.req.valid("header")["last-event-id"] ?? c.req.valid("query").lastEventId ?? "0";
      if (!/^\d{1,12}$/.test(raw.trim()))
        throw invalid(400, [{ path: "headers.last-event-id", message: "must be an event id (a non-negative integer)" }]);
      if (!(await readStatus(d.storage, id))) throw notFound(`training ${id}`);
      const keys = trainingKeys(id);
      let last = Number(raw.trim());
      return streamSSE(c, async (stream: SSEStreamingApi) => {
        let seen = "";
        let idleSince = Date.now();
        /** Sends events newer than `last`; true once a terminal status was sent. */
        const flush = async (force: boolean): Promise<boolean> => {
          const info = await d.storage.head(keys.events);
          const stamp = info ? `${info.size}:${info.lastModified.getTime()}` : "";
          if (!info || (!force && stamp === seen)) return false;
          seen = stamp;
          const events = parseEvents((await d.storage.getText(keys.events)) ?? "");
          const lastStatus = events.findLastIndex((e) => e.type === "status");
          for (const [i, e] of events.entries()) {
            if (e.id <= last) continue;
            // A terminal status with a later status after it was resumed (POST …/resume): replaying it would end the
            // stream of a training that goes on, so a replay skips it (a client that saw it live had its stream end
            // then). Only a later *status* supersedes it: a log line appended after the end must not hide the end.
            if (isTerminalStatusEvent(e) && i < lastStatus) {
              last = e.id;
              continue;
            }
            await stream.writeSSE({ id: String(e.id), event: e.type, data: JSON.stringify(e) });
            last = e.id;
            idleSince = Date.now();
            if (isTerminalStatusEvent(e)) return true;
          }
          return false;
        };
        await stream.write("retry: 1000\n\n");
        let graceLeft = TERMINAL_EVENT_POLLS;
        let outagesLeft = STORAGE_OUTAGE_POLLS;
        while (!stream.aborted && !stream.closed) {
          let st: Awaited<ReturnType<typeof readStatus>>;
          try {
            if (await flush(false)) return;
            st = await readStatus(d.storage, id);
            outagesLeft = STORAGE_OUTAGE_POLLS;
          } catch (err) {
            // One failed storage read (a reset keep-alive socket, a brief outage) must not end a long-lived stream:
            // poll again, and give up only when storage stays unavailable.
            if (!(err instanceof StorageUnavailableError) || outagesLeft-- <= 0) throw err;
            await stream.sleep(d.limits.ssePollMs);
            continue;
          }
          if (!st) {
            await flush(true); // deleted: send what is left, then end
            return;
          }
          // Terminal but its event not seen yet: it normally lands right after status.json; wait a few polls for it.
          if (TERMINAL_STATES.has(st.status) && graceLeft-- <= 0) {
            await flush(true);
            return;
          }
          if (Date.now() - idleSince > KEEPALIVE_MS) {
            await stream.write(": keepalive\n\n");
            idleSince = Date.now();
          }
          await stream.sleep(d.limits.ssePollMs);
        }
      });
    },
  );
  return app;
}
