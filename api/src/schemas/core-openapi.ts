import { zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "@hono/zod-openapi";

/**
 * OpenAPI metadata for @gantry/core's zod schemas, which are the contracts' one declaration. Core's schemas are built
 * before @hono/zod-openapi extends zod, so they lack `.openapi`; these helpers add the document's names and
 * descriptions from here, keeping core free of any HTTP concern.
 */

type Meta = { description?: string; example?: unknown; format?: string };

const openapi = (z.ZodType.prototype as unknown as { openapi: (this: z.ZodType, ...a: [Meta] | [string, Meta]) => z.ZodType }).openapi;

/**
 * Names core's own instance as component `refId` (metadata goes into zod-to-openapi's registry, keyed by the
 * instance), so every schema that embeds it, core's included, renders a `$ref` to one component. Returns an
 * extended copy under the same name, whose `.optional()` etc. keep the name (core's instance's modifiers do not).
 */
export function named<T extends z.ZodType>(schema: T, refId: string, meta: Meta = {}): T {
  // biome-ignore lint/suspicious/noExplicitAny: the registry's metadata type is internal to zod-to-openapi; this is its documented shape.
  zodToOpenAPIRegistry.add(schema, { ...meta, _internal: { refId } } as any);
  return openapi.call(schema, refId, meta) as T;
}

/** A copy of one of core's field schemas with documentation (core's instance stays as it is wherever else it is used). */
export const annotated = <T extends z.ZodType>(schema: T, meta: Meta): T => openapi.call(schema, meta) as T;
