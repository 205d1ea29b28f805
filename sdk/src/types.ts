/**
 * Public names for the API's shapes, all derived from the generated OpenAPI types (the SSE event payloads too: the
 * document declares them as the TrainingEvent schema of the event stream's messages).
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
/** A training; `error` is null unless it failed. */
export type Training = Schemas["Training"];
export type MetricLine = Schemas["MetricLine"];
export type ListTrainingsParams = Omit<QueryOf<"/v1/trainings", "get">, "cursor">;
export type MetricsParams = QueryOf<"/v1/trainings/{id}/metrics", "get">;

export type ModelSummary = Schemas["ModelSummary"];
export type ModelVersion = Schemas["ModelVersion"];
export type ModelVersionSpec = Schemas["ModelVersionSpec"];
/** A model with its versions; `best` is null unless the run tracks a metric. */
export type Model = Schemas["Model"];
export type ListParams = Omit<QueryOf<"/v1/models", "get">, "cursor">;
export type CriticField = Schemas["CriticField"];
export type CriticFieldParams = Omit<QueryOf<"/v1/models/{id}/critic", "get">, "version"> & { version?: ModelVersionSpec };
/** A generator as a TF.js layers model (weights base64); `layersModelArtifacts` turns it into what tf.io.fromMemory takes. */
export type GeneratorExport = Schemas["GeneratorExport"];
export type GeneratorExportParams = { ema?: boolean };

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
export type ListStudiesParams = Omit<QueryOf<"/v1/studies", "get">, "cursor">;
/** One run of a study (read from its own files under the study). */
export type StudyRun = Schemas["StudyRun"];
/** A metric against step per loss: mean and 95 % CI over seeds. */
export type StudyCurves = Schemas["StudyCurves"];
export type StudyCurvesParams = QueryOf<"/v1/studies/{id}/curves", "get">;

/** `{ data, nextCursor }`, the shape of every list response. */
export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

/** States after which a training never changes again. */
export const TERMINAL_TRAINING_STATES: ReadonlySet<TrainingState> = new Set<TrainingState>(["succeeded", "failed", "canceled"]);

/** One Server-Sent Event of GET /v1/trainings/{id}/events (the JSON of its `data`); narrows on `type`. */
export type TrainingEvent = Schemas["TrainingEvent"];
export type TrainingProgressEvent = Schemas["TrainingProgressEvent"];
export type TrainingMetricEvent = Schemas["TrainingMetricEvent"];
export type TrainingStatusEvent = Schemas["TrainingStatusEvent"];
export type TrainingLogEvent = Schemas["TrainingLogEvent"];

/** What a training webhook carries: `training.start` or `training.completed`, with the training at that moment. */
export type WebhookPayload = Schemas["WebhookPayload"];
/** What a study webhook carries: `study.start` or `study.completed`, with the study at that moment. */
export type StudyWebhookPayload = Schemas["StudyWebhookPayload"];
/** Any delivery, training or study; narrows on `type`. */
export type AnyWebhookPayload = WebhookPayload | StudyWebhookPayload;
