import { z } from "@hono/zod-openapi";
import { validateId } from "@gantry/trainer/storage";
import { invalid } from "../http/problem.ts";

/** A storage-safe id (training, model, dataset, study), checked with the trainer's validateId. */
export const IdSchema = z
  .string()
  .refine((s) => {
    try {
      validateId(s);
      return true;
    } catch {
      return false;
    }
  }, "must be 1-128 characters from [A-Za-z0-9._-], starting with a letter or digit")
  .openapi({ example: "t-0m3x2k9ab-4f7c1e" });

export const IdParams = z.object({ id: IdSchema.openapi({ param: { name: "id", in: "path" } }) });

/** Cursor pagination: `limit` items after the opaque `cursor` of the previous page. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(20)
    .openapi({ param: { name: "limit", in: "query" }, example: 20 }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "nextCursor of the previous page." }),
});

/** A page of `item`, with the cursor of the next page (null on the last page). */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** Opaque cursor: the base64url of the last id returned. */
export const encodeCursor = (lastId: string): string => Buffer.from(lastId, "utf8").toString("base64url");

/** Decodes a cursor; a cursor that is not one of ours is a 400 on `query.cursor`. */
export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === "") return null;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  try {
    return validateId(id);
  } catch {
    throw invalid(400, [{ path: "query.cursor", message: "not a cursor returned by this API" }]);
  }
}

/**
 * `schema | null` for a schema registered as a component. zod-to-openapi renders `.nullable()` of one as a bare
 * `$ref` (and marks the component itself nullable) or, with metadata, as an unusable `allOf`; a union renders as
 * `anyOf: [{ $ref }, { type: "null" }]`, which generators read as `T | null`.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/** ISO timestamp strings. */
export const Timestamp = z.string().openapi({ format: "date-time", example: "2025-01-01T00:00:00.000Z" });
