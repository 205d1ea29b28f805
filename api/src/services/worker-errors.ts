import { GeneratorInputError } from "@gantry/core";
import { StorageUnavailableError, storageUnavailable } from "@gantry/trainer/storage";
import { Problem } from "../http/problem.ts";

/**
 * An error as it crosses from an inference worker to the API thread. postMessage's structured clone keeps only an
 * Error's name and message, so the typed fields the API maps to responses travel explicitly.
 */
export type WireError =
  | { kind: "problem"; status: number; slug: string; title: string; detail: string; extra: Problem["extra"] }
  | { kind: "storage"; op: string; key: string; url: string; cause: { name: string; code?: string; message: string } }
  | { kind: "error"; name: string; message: string; code?: string; field?: string };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function toWire(err: unknown): WireError {
  if (err instanceof Problem) {
    return { kind: "problem", status: err.status, slug: err.slug, title: err.title, detail: err.message, extra: err.extra };
  }
  const down = storageUnavailable(err);
  if (down) {
    const c = down.cause as { name?: unknown; code?: unknown; message?: unknown } | undefined;
    return {
      kind: "storage",
      op: down.op,
      key: down.key,
      url: down.url,
      cause: { name: str(c?.name) ?? "Error", code: str(c?.code), message: str(c?.message) ?? String(c) },
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const fields = e as Error & { code?: unknown; field?: unknown };
  return { kind: "error", name: e.name, message: e.message, code: str(fields.code), field: str(fields.field) };
}

/** Rebuilds an error the API's mappers recognise: a Problem, a StorageUnavailableError, or a named error with its code. */
export function fromWire(w: WireError): Error {
  if (w.kind === "problem") return new Problem(w.status, w.slug, w.title, w.detail, w.extra);
  if (w.kind === "storage") {
    const cause = Object.assign(new Error(w.cause.message), { name: w.cause.name }, w.cause.code ? { code: w.cause.code } : {});
    return new StorageUnavailableError(w.op, w.key, w.url, cause);
  }
  // The generator's typed input error is rebuilt as its class, so the API maps it by class and field.
  if (w.name === "GeneratorInputError" && w.field !== undefined) return Object.assign(new GeneratorInputError(w.field, ""), { message: w.message });
  const e = new Error(w.message);
  e.name = w.name;
  if (w.code !== undefined) Object.assign(e, { code: w.code });
  if (w.field !== undefined) Object.assign(e, { field: w.field });
  return e;
}
