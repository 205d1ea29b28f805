import { z } from "@hono/zod-openapi";

/** One invalid input field: a dotted path ("body.model.gHidden.0", "query.limit") and what is wrong with it. */
export const FieldError = z.object({ path: z.string(), message: z.string() }).openapi("FieldError");
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, the body of every error response (content type application/problem+json). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "urn:gantry:problem:not-found" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().openapi({ description: "The request path that failed." }),
    requestId: z.string(),
    errors: z.array(FieldError).optional().openapi({ description: "Validation errors, one per field path." }),
  })
  .openapi("Problem");
export type ProblemBody = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * An error that the single `onError` turns into a problem response. Handlers and middleware throw these instead
 * of building responses so every failure has the same shape.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Short stable slug; the problem `type` is `urn:gantry:problem:<slug>`. */
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "Problem";
  }
}

export const problemType = (slug: string): string => `urn:gantry:problem:${slug}`;

export const notFound = (what: string): Problem => new Problem(404, "not-found", "Not Found", `${what} does not exist`);

export const conflict = (slug: string, detail: string): Problem => new Problem(409, slug, "Conflict", detail);

/** 400 for malformed input (query, params, headers), 422 for a well-formed body that fails validation. */
export const invalid = (status: 400 | 422, errors: FieldError[]): Problem =>
  new Problem(
    status,
    "validation",
    status === 400 ? "Bad Request" : "Unprocessable Content",
    `invalid request: ${errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ")}`,
    { errors },
  );

/** Standard responses every route can produce, for `createRoute({ responses })`. */
export function problemResponses(
  ...statuses: number[]
): Record<number, { description: string; content: Record<string, { schema: typeof ProblemSchema }> }> {
  const out: Record<number, { description: string; content: Record<string, { schema: typeof ProblemSchema }> }> = {};
  for (const s of statuses) {
    out[s] = { description: PROBLEM_DESCRIPTIONS[s] ?? "Error", content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
  }
  return out;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (query, path parameters or headers); `errors` names each field.",
  401: "Missing or invalid API key.",
  403: "The API key lacks the required scope, or the resource cannot be changed.",
  404: "The resource does not exist.",
  409: "Conflict with the resource's state or an Idempotency-Key reused with a different body.",
  413: "Request body too large.",
  415: "Unsupported content type.",
  422: "The body failed validation; `errors` names each field.",
  429: "Rate limit exceeded; see Retry-After.",
  501: "Not implemented in this deployment.",
  503: "Request timed out or service unavailable.",
};
