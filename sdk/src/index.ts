/** @gantry/sdk: typed client for the Gantry API. Runs in Node 20+, browsers and edge runtimes. */
export { Gantry } from "./client.ts";
export type { ClientOptions, RequestOptions, HttpRequest, Query } from "./core/transport.ts";
export { Transport } from "./core/transport.ts";
export {
  GantryError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  WaitTimeoutError,
  AbortError,
  makeAPIError,
} from "./core/errors.ts";
export type { BackoffOptions } from "./core/retry.ts";
export { Page, PagePromise } from "./core/pagination.ts";
export { encodeNpy, parseNpy, type NpyArray } from "./core/npy.ts";
export type { CreateTrainingOptions, EventsOptions, WaitOptions } from "./resources/trainings.ts";
export type { SampleArray, SampleImage, SampleOptions } from "./resources/samples.ts";
export type { UploadOptions } from "./resources/datasets.ts";
export { TERMINAL_STUDY_STATES, type StudyWaitOptions } from "./resources/studies.ts";
export { Trainings } from "./resources/trainings.ts";
export { Models, layersModelArtifacts } from "./resources/models.ts";
export { Samples } from "./resources/samples.ts";
export { Studies } from "./resources/studies.ts";
export { Datasets } from "./resources/datasets.ts";
export * from "./types.ts";
export { verifyWebhook, WebhookVerificationError, type VerifyWebhookOptions } from "./webhooks.ts";
