import { z } from "@hono/zod-openapi";
import { Timestamp, orNull } from "./common.ts";
import { MetricLine, Progress, TrainingError, TrainingState } from "./training.ts";

/** The envelope every line of events.jsonl (and so every SSE message's `data`) has, for event `type`. */
function eventOf<K extends string, D extends z.ZodType>(type: K, data: D, name: string, description: string) {
  return z
    .object({
      id: z.number().int().min(1).openapi({ description: "Event number (1-based, increasing); send it as Last-Event-ID to resume after it." }),
      type: z.literal(type),
      data,
      time: Timestamp.openapi({ description: "When the job recorded the event." }),
    })
    .openapi(name, { description });
}

export const StatusEventData = z
  .object({
    status: TrainingState,
    error: orNull(TrainingError).optional().openapi({ description: "Present when the training failed (also null on some terminal events)." }),
  })
  .openapi("TrainingStatusEventData");

export const LogEventData = z
  .object({
    message: z.string(),
    level: z.string().optional().openapi({ description: "e.g. `warn`; absent for informational lines." }),
  })
  .catchall(z.unknown())
  .openapi("TrainingLogEventData", { description: "A log line; jobs add context fields (step, checkpoint, backend, …)." });

export const ProgressEvent = eventOf("progress", Progress, "TrainingProgressEvent", "Progress, at most once per logged step.");
export const MetricEvent = eventOf("metric", MetricLine, "TrainingMetricEvent", "A metrics.jsonl line as it is logged.");
export const StatusEvent = eventOf("status", StatusEventData, "TrainingStatusEvent", "A state change; the stream ends after a terminal one.");
export const LogEvent = eventOf("log", LogEventData, "TrainingLogEvent", "A log line from the job.");

/** One Server-Sent Event of GET /v1/trainings/{id}/events: the SSE `event` field is `type`, `data` is this JSON. */
export const TrainingEventSchema = z.discriminatedUnion("type", [ProgressEvent, MetricEvent, StatusEvent, LogEvent]).openapi("TrainingEvent", {
  description: "The JSON in the `data` field of each message of the training event stream (`event` = its `type`).",
});
export type TrainingEvent = z.infer<typeof TrainingEventSchema>;
