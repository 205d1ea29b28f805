/** Upload validation errors and limits. */

/** A rejected upload: `file` is the uploaded file's name, the message names the file and the problem. */
export class UploadError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "UploadError";
    this.file = file;
    this.problem = problem;
  }
}

export interface UploadLimits {
  /** Largest accepted file, and largest decompressed/decoded content, in bytes. Default 200 MB. */
  maxBytes?: number;
  /** Most samples (rows, images) accepted. Default 100 000. */
  maxSamples?: number;
  /** Most pixels in one image, checked from its header before it is decoded. Default 4096 × 4096. */
  maxPixels?: number;
}

export const DEFAULT_LIMITS: Required<UploadLimits> = { maxBytes: 200 * 1024 * 1024, maxSamples: 100_000, maxPixels: 4096 * 4096 };

/** Human-readable byte count for messages. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n} bytes`;
}
