import type { Context } from "hono";
import type { z } from "@hono/zod-openapi";
import { zodIssues } from "@gantry/core";
import { invalid, type FieldError } from "./problem.ts";

/** Where a validated value came from, as the first segment of each error path. */
const LOCATION: Record<string, string> = {
  json: "body",
  form: "body",
  query: "query",
  param: "params",
  header: "headers",
  cookie: "cookies",
};

/** Prefixes flattened zod issues with the request location ("body.loss.name", "query.limit"). */
export function fieldErrors(location: string, error: z.ZodError): FieldError[] {
  return zodIssues(error.issues).map((i) => ({ path: i.path ? `${location}.${i.path}` : location, message: i.message }));
}

/**
 * zod-openapi `defaultHook`: a failed validation becomes a problem thrown to the single `onError` — 422 for a body
 * that parsed but is invalid, 400 for bad query, path or header values.
 */
export function validationHook(
  result: { target: string; success: true; data: unknown } | { target: string; success: false; error: z.ZodError },
  _c: Context,
): void {
  if (result.success) return;
  const location = LOCATION[result.target] ?? result.target;
  throw invalid(location === "body" ? 422 : 400, fieldErrors(location, result.error));
}
