/**
 * Public names for the API's shapes. Everything here is derived from the generated OpenAPI types; the only
 * hand-written shapes are the SSE event payloads (the document types the stream as a plain string) and two
 * nullability corrections noted below.
 */
import type { components, paths } from "./generated/openapi.ts";

type Schemas = components["schemas"];

/** The JSON request body of `method` on `path`. */
export type JsonBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** The query parameters of `method` on `path`. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type Problem = Schemas["Problem"];
export type FieldError = Schemas["FieldError"];
export type Health = Schemas["Health"];

export type TrainingConfig = JsonBody<"/v1/trainings", "post">;
export type TrainingState = Schemas["TrainingState"];
export type TrainingProgress = Schemas["TrainingProgress"];
export type TrainingError = Schemas["TrainingError"];
/**
 * A training. `error` is null until a training fails; the document currently declares it as a bare `$ref`
 * (its nullability is lost), so it is widened here.
 */
export type Training = Omit<Schemas["Training"], "error"> & { error: TrainingError | null };
export type MetricLine = Schemas["MetricLine"];
export type ListTrainingsParams = Omit<QueryOf<"/v1/trainings", "get">, "cursor">;
export type MetricsParams = QueryOf<"/v1/trainings/{id}/metrics", "get">;

export type ModelSummary = Schemas["ModelSummary"];
export type ModelVersion = Schemas["ModelVersion"];
export type ModelVersionSpec = Schemas["ModelVersionSpec"];
/**
 * A model with its versions. `best` is a version or null; the document expresses that as `allOf` of the version
 * and `type: [object, null]`, which generates an unusable intersection, so it is restated here.
 */
export type Model = Omit<Schemas["Model"], "best"> & { best: ModelVersion | null };
export type ListParams = Omit<QueryOf<"/v1/models", "get">, "cursor">;

export type SampleFormat = Schemas["SampleFormat"];
export type SampleRequest = JsonBody<"/v1/models/{id}/samples", "post">;
export type InterpolationRequest = JsonBody<"/v1/models/{id}/interpolations", "post">;
export type SamplesJson = Schemas["Samples"];
/** samples.png query; `version` is "latest", "best" or a step (the document types it as a string). */
export type PngParams = Omit<QueryOf<"/v1/models/{id}/samples.png", "get">, "version"> & { version?: ModelVersionSpec };

export type Dataset = Schemas["Dataset"];
export type UploadParams = QueryOf<"/v1/datasets", "post">;

export type Study = Schemas["Study"];
export type StudySpec = JsonBody<"/v1/studies", "post">;
export type ReportParams = QueryOf<"/v1/studies/{id}/report", "get">;

/** `{ data, nextCursor }`, the shape of every list response. */
export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

/** States after which a training never changes again. */
export const TERMINAL_TRAINING_STATES: ReadonlySet<TrainingState> = new Set<TrainingState>(["succeeded", "failed", "canceled"]);

interface EventBase<K extends string, D> {
  /** Event number; send it as Last-Event-ID to resume after it. */
  id: number;
  type: K;
  data: D;
  /** ISO time the job recorded it. */
  time: string;
}

/** One Server-Sent Event of GET /v1/trainings/{id}/events. */
export type TrainingEvent =
  | EventBase<"progress", TrainingProgress>
  | EventBase<"metric", MetricLine>
  | EventBase<"status", { status: TrainingState; error?: TrainingError | null }>
  | EventBase<"log", { message: string; level?: string; [k: string]: unknown }>;
