export type { GetOptions, ObjectInfo, PutOptions, S3Options, Storage } from "./types.ts";
export { InvalidIdError, InvalidKeyError, compareKeys, validateId, validateKey, validatePrefix } from "./validate.ts";
export { FileStorage } from "./file-storage.ts";
export { S3Storage } from "./s3-storage.ts";
export { defaultStorageUrl, openStorage } from "./open-storage.ts";
export { checkpointStep, datasetKeys, padStep, studyKeys, trainingKeys } from "./keys.ts";
export type { DatasetKeys, StudyKeys, TrainingKeys } from "./keys.ts";
export { StorageUnavailableError, isTransientStorageError, storageUnavailable } from "./unavailable.ts";
