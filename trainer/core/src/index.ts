/**
 * @gantry/core: the contracts every Gantry package shares, declared once. No TensorFlow.js and no AWS SDK here (the
 * dashboard, the API and the SDK's generated types all lean on these shapes); the S3 backend lives in
 * `@gantry/trainer/storage-s3`, and the storage conformance suite in `@gantry/core/storage-conformance` (it imports
 * vitest).
 */
export * from "./training-config.ts";
export type * from "./resolved-config.ts";
export * from "./training-status.ts";
export * from "./study-status.ts";
export * from "./datasets.ts";
export * from "./ids.ts";
export * from "./limits.ts";
export * from "./errors.ts";
export type { GetOptions, ObjectInfo, PutOptions, Storage } from "./storage/types.ts";
export {
  InvalidIdError,
  InvalidKeyError,
  compareKeys,
  keyProblem,
  validateId,
  validateKey,
  validatePrefix,
} from "./storage/validate.ts";
export { BaseStorage, toBytes } from "./storage/base-storage.ts";
export { FileStorage } from "./storage/file-storage.ts";
export { StorageLease, leaseKey, type AcquireResult, type LeaseOptions, type LeaseRecord } from "./storage/lease.ts";
export { StorageUnavailableError, isTransientStorageError, storageUnavailable } from "./storage/unavailable.ts";
export {
  checkpointStep,
  datasetKeys,
  listIdsWithFile,
  padStep,
  parseKey,
  studyKeys,
  trainingKeys,
  type DatasetKeys,
  type ParsedKey,
  type SampleFormat,
  type StudyKeys,
  type TrainingKeys,
} from "./storage/keys.ts";
