/** Upload parsing: public surface of data/upload. */
export { UploadError, DEFAULT_LIMITS, type UploadLimits } from "./errors.ts";
export { parseUpload, detectFormat, sampleShapeOf, type ParsedUpload, type UploadFormat } from "./parse.ts";
export { encodeNpy, parseNpy, type NpyArray } from "./npy.ts";
export { readTar, type ArchiveEntry } from "./tar.ts";
export { parseUploadOffThread, warmUploadParser, type EncodedUpload, type OffThreadOptions } from "./off-thread.ts";
