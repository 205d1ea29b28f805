import { z } from "@hono/zod-openapi";
import * as core from "@gantry/core";
import { orNull } from "./common.ts";
import { annotated } from "./core-openapi.ts";
import { MetricLine, Progress, TrainingError } from "./training.ts";

/** The envelope of one events.jsonl line (core's JobEvent), and so of every SSE message's `data`, for event `type`. */
function eventOf<K extends core.JobEventType, D extends z.ZodType>(type: K, data: D, name: string, description: string) {
  const e = core.JobEvent.shape;
  return z
    .object({
      id: annotated(e.id, { description: "Event number (1-based, increasing); send it as Last-Event-ID to resume after it." }),
      type: z.literal(type),
      data,
      time: annotated(e.time, { description: "When the job recorded the event.", format: "date-time", example: "2025-01-01T00:00:00.000Z" }),
    })
    .openapi(name, { description });
}

export const StatusEventData = core.StatusEventData.extend({
  // A union, not core's .nullable(): zod-to-openapi renders a nullable component as a bare $ref (see orNull).
  error: orNull(TrainingError).optional().openapi({ description: "Present when the training failed (also null on some terminal events)." }),
}).openapi("TrainingStatusEventData");

export const LogEventData = core.LogEventData.extend({
  level: annotated(core.LogEventData.shape.level, { description: "e.g. `warn`; absent for informational lines." }),
}).openapi("TrainingLogEventData", { description: "A log line; jobs add context fields (step, checkpoint, backend, …)." });

export const ProgressEvent = eventOf("progress", Progress, "TrainingProgressEvent", "Progress, at most once per logged step.");
export const MetricEvent = eventOf("metric", MetricLine, "TrainingMetricEvent", "A metrics.jsonl line as it is logged.");
export const StatusEvent = eventOf("status", StatusEventData, "TrainingStatusEvent", "A state change; the stream ends after a terminal one.");
export const LogEvent = eventOf("log", LogEventData, "TrainingLogEvent", "A log line from the job.");

/** One Server-Sent Event of GET /v1/trainings/{id}/events: the SSE `event` field is `type`, `data` is this JSON. */
export const TrainingEventSchema = z.discriminatedUnion("type", [ProgressEvent, MetricEvent, StatusEvent, LogEvent]).openapi("TrainingEvent", {
  description: "The JSON in the `data` field of each message of the training event stream (`event` = its `type`).",
});
export type TrainingEvent = z.infer<typeof TrainingEventSchema>;
