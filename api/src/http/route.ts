import { OpenAPIHono, createRoute, type RouteConfig } from "@hono/zod-openapi";
import { requireScope } from "./auth.ts";
import type { AppEnv, Scope } from "./context.ts";
import { problemResponses } from "./problem.ts";
import { validationHook } from "./validation-hook.ts";

/** A sub-app for one resource; validation failures become problems via the shared hook. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/**
 * Declares a protected route: the OpenAPI `security` requirement and the enforcing middleware come from the same
 * scope, so the document and the behaviour cannot drift. Adds the problem responses every protected route can give.
 */
export function securedRoute<const R extends Omit<RouteConfig, "security" | "middleware">>(scope: Scope, route: R) {
  return createRoute({
    ...route,
    security: [{ bearerAuth: [scope] }],
    middleware: [requireScope(scope)] as const,
    responses: { ...problemResponses(401, 403, 429, 503), ...route.responses },
  });
}

/** Problem responses for routes that validate input (400 for query/params/headers, 422 for bodies). */
export const validationResponses = (body: boolean) => problemResponses(...(body ? [400, 413, 415, 422] : [400]));
