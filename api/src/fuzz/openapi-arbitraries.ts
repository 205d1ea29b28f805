/**
 * fast-check arbitraries for requests to every operation of the API document: path parameters, queries, headers
 * and bodies that are valid by the document's schemas, near-valid (a wrong type or bound in one place), or
 * arbitrary. Written here because no kept library turns an OpenAPI 3.1 document into fast-check arbitraries.
 */
import fc from "fast-check";

type Schema = Record<string, unknown>;
export interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));

/** Values for `schema` (following $ref, unions and enums), sometimes replaced by junk. */
export function fromSchema(doc: Doc, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return junk;
  if (typeof schema.$ref === "string") return fromSchema(doc, doc.components?.schemas?.[schema.$ref.split("/").pop()!], depth + 1);
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options) return fc.oneof(...options.map((s) => fromSchema(doc, s, depth + 1)));
  if (Array.isArray(schema.enum)) return fc.oneof(fc.constantFrom(...(schema.enum as unknown[])), junk);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const min = typeof schema.minimum === "number" ? schema.minimum : -1e6;
  const max = typeof schema.maximum === "number" ? schema.maximum : 1e6;
  switch (schema.type) {
    case "integer":
      return fc.oneof(
        fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }),
        fc.constantFrom(min - 1, max + 1, 1e9, 2 ** 53, -1, 0.5),
        junk,
      );
    case "number":
      return fc.oneof(fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true }), fc.constantFrom(1e308, -1e308, 5e-324), junk);
    case "boolean":
      return fc.oneof(fc.boolean(), junk);
    case "string":
      return fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("latest", "best", "ring8", "upload:d-1", "m-1", "../x", "%00"), junk);
    case "array":
      return fc.oneof(fc.array(fromSchema(doc, schema.items as Schema, depth + 1), { maxLength: 5 }), junk);
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(props);
      const rec = fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(doc, props[k], depth + 1)])), {
        requiredKeys: keys.filter((k) => required.has(k) || depth > 2),
      });
      return fc.oneof(
        { weight: 4, arbitrary: rec },
        { weight: 1, arbitrary: fc.tuple(rec, fc.string(), junk).map(([o, k, v]) => ({ ...o, [k]: v })) },
        junk,
      );
    }
    default:
      return junk;
  }
}

const ids = fc.oneof(fc.constantFrom("m-1", "t-missing", "ring8", "mnist", "d-1", "s-1"), fc.string({ maxLength: 30 }), fc.constant("a".repeat(300)));
const text = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));

/** One arbitrary request for `method path` of the document, with `auth` sent as the bearer key (or none). */
function operationArb(doc: Doc, path: string, method: string, op: Operation, keys: string[]): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathArb = fc.tuple(...params.filter((p) => p.in === "path").map(() => ids)).map((values) => {
    let i = 0;
    return path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? ""));
  });
  const queryArb = fc.tuple(
    ...params.filter((p) => p.in === "query").map((p) => fc.option(fromSchema(doc, p.schema).map((v) => [p.name, text(v)] as const))),
  );
  const json = op.requestBody?.content["application/json"]?.schema;
  const binary = op.requestBody?.content["application/octet-stream"];
  const bodyArb: fc.Arbitrary<string | Uint8Array | undefined> = json
    ? fc.oneof(
        { weight: 5, arbitrary: fromSchema(doc, json).map((v) => JSON.stringify(v) ?? "null") },
        fc.string(),
        fc.constant("{"),
        fc.constant(undefined),
      )
    : binary
      ? fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.constantFrom("1,2\n3,4\n", "x,y\n1\n", "\u0093NUMPY"), fc.constant(undefined))
      : fc.option(fc.string({ maxLength: 50 }), { nil: undefined });
  const headerArb = fc.record({
    auth: fc.constantFrom(...keys, "", "wrong-key-0000", "Basic x"),
    idem: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constant("é")), { nil: undefined }),
    type: fc.constantFrom("application/json", "application/octet-stream", "text/plain", ""),
    prefer: fc.option(fc.constantFrom("wait=0", "wait=abc", "wait=99999"), { nil: undefined }),
  });
  return fc.tuple(pathArb, queryArb, bodyArb, headerArb).map(([p, query, body, h]) => {
    const qs = new URLSearchParams(query.filter((q): q is readonly [string, string] => q !== null).map(([k, v]) => [k, v]));
    const headers: Record<string, string> = {};
    if (h.auth) headers.authorization = h.auth.startsWith("Basic") ? h.auth : `Bearer ${h.auth}`;
    if (h.idem !== undefined && /^[\x20-\x7e]*$/.test(h.idem)) headers["idempotency-key"] = h.idem;
    if (h.type) headers["content-type"] = h.type;
    if (h.prefer) headers.prefer = h.prefer;
    const q = qs.toString();
    return { method: method.toUpperCase(), path: q ? `${p}?${q}` : p, headers, body: method === "get" ? undefined : body };
  });
}

/** Requests across every route and method of `doc`, uniformly by operation. */
export function requestArb(doc: Doc, keys: string[]): fc.Arbitrary<FuzzRequest> {
  const ops: fc.Arbitrary<FuzzRequest>[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (["get", "post", "put", "patch", "delete"].includes(method)) ops.push(operationArb(doc, path, method, op, keys));
    }
  }
  return fc.oneof(...ops);
}
