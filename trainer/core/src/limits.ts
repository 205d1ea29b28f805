/**
 * Bounds that more than one process checks (the API's request schemas, the trainer's generator, the SDK's CLI).
 * Each is declared here once so the layers cannot drift apart.
 */

/** Largest `n` of one sample request (and of one generator call): bounds the memory and time per request. */
export const MAX_SAMPLES = 1024;
/** Largest `steps` of one interpolation (points including both endpoints). */
export const MAX_INTERPOLATION_STEPS = 256;
/** Smallest truncation threshold: below it resampling needs > 25 draws per coordinate on average. */
export const MIN_TRUNCATION = 0.05;
/** Largest truncation threshold the API accepts (|z| > 10 has probability ~1e-23: no truncation at all). */
export const MAX_TRUNCATION = 10;
/** Seeds are 31-bit non-negative integers everywhere (training seeds, latent seeds). */
export const MAX_SEED = 2 ** 31 - 1;
