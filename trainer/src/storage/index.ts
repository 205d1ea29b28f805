/**
 * Storage for the trainer and the API: the contracts (interface, key layout, validation, file backend) come from
 * @gantry/core; this module adds `openStorage`, which loads the S3 backend (and the AWS SDK) only when an s3:// URL
 * is opened. Import `@gantry/trainer/storage-s3` directly only to construct an S3Storage yourself.
 */
export {
  FileStorage,
  InvalidIdError,
  InvalidKeyError,
  checkpointStep,
  compareKeys,
  datasetKeys,
  listIdsWithFile,
  padStep,
  parseKey,
  studyKeys,
  trainingKeys,
  validateId,
  validateKey,
  validatePrefix,
  StorageUnavailableError,
  isTransientStorageError,
  storageUnavailable,
  type DatasetKeys,
  type GetOptions,
  type ObjectInfo,
  type PutOptions,
  type SampleFormat,
  type Storage,
  type StudyKeys,
  type TrainingKeys,
} from "@gantry/core";
export { defaultStorageUrl, openStorage, parseS3Url, resolveStorageUrl } from "./open-storage.ts";
export { DEFAULT_STORAGE_RETRY, RetryingStorage, backoffMs, withStorageRetries, type StorageRetryPolicy } from "./retrying-storage.ts";
export type { S3Options } from "./s3-options.ts";
