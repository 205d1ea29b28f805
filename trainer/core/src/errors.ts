/**
 * Errors that cross a package boundary carry typed fields; the receiver maps them by class and fields, never by
 * parsing a message.
 */

/**
 * A generator call (sample / interpolate) got an input it cannot use. `field` names the request field ("n",
 * "latents", "steps", "from", "to", "truncation", "ema"); the API answers 422 at `body.<field>`.
 */
export class GeneratorInputError extends RangeError {
  override readonly name = "GeneratorInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field} ${message}`);
  }
}
