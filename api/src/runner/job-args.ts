/**
 * How every runner starts a training: by id. The job reads trainings/<id>/config.json (written by the API) from
 * storage and parses it once; no config crosses the process boundary. Local child processes and AWS Batch
 * containers both use this form (its own file, so the Lambda bundle of the Batch runner stays free of process code).
 */
export const byIdArgs = (id: string, storageUrl: string): string[] => ["--id", id, "--storage", storageUrl];
