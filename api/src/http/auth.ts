import { createHash, timingSafeEqual } from "node:crypto";
import type { AppMiddleware, Principal, Scope } from "./context.ts";
import { Problem } from "./problem.ts";

/** One configured API key; only its SHA-256 is kept in memory. */
export interface ApiKey {
  keyId: string;
  hash: Buffer;
  scopes: ReadonlySet<Scope>;
}

const sha256 = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/** Builds a key entry; the id is a short prefix of the key's hash so logs can tell keys apart without the secret. */
export function apiKey(secret: string, scopes: readonly Scope[]): ApiKey {
  const hash = sha256(secret);
  return { keyId: `key-${hash.subarray(0, 4).toString("hex")}`, hash, scopes: new Set(scopes) };
}

/**
 * Parses `GANTRY_API_KEYS`: entries separated by ";", each `<key>:<scope>[,<scope>…]` with scopes from
 * sample | train, e.g. "s3cret:sample,train;readonly:sample". Throws an error naming the bad entry.
 */
export function parseApiKeys(spec: string): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const [i, raw] of spec.split(";").entries()) {
    const entry = raw.trim();
    if (entry === "") continue;
    const colon = entry.lastIndexOf(":");
    const secret = colon === -1 ? "" : entry.slice(0, colon).trim();
    if (secret.length < 8) throw new Error(`entry ${i + 1}: expected "<key of at least 8 characters>:<scopes>"`);
    const scopes = entry
      .slice(colon + 1)
      .split(",")
      .map((s) => s.trim());
    for (const s of scopes) {
      if (s !== "sample" && s !== "train") throw new Error(`entry ${i + 1}: unknown scope ${JSON.stringify(s)} (expected sample or train)`);
    }
    keys.push(apiKey(secret, scopes as Scope[]));
  }
  return keys;
}

const OPEN: Principal = { keyId: "anonymous", scopes: new Set<Scope>(["sample", "train"]) };

/**
 * Identifies the caller from `Authorization: Bearer <key>`. It never rejects by itself (public routes stay public);
 * `requireScope` on each protected route does. With no keys configured every caller gets every scope.
 */
export function authenticate(keys: readonly ApiKey[]): AppMiddleware {
  return async (c, next) => {
    c.set("authFailure", null);
    if (keys.length === 0) {
      c.set("principal", OPEN);
      return next();
    }
    const header = c.req.header("authorization");
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      c.set("principal", null);
      c.set("authFailure", header ? "the Authorization header is not `Bearer <key>`" : "no API key: send `Authorization: Bearer <key>`");
      return next();
    }
    const presented = sha256(match[1]);
    let found: ApiKey | null = null;
    // Compare against every key so timing does not reveal which (or whether an early) entry matched.
    for (const k of keys) if (timingSafeEqual(presented, k.hash) && found === null) found = k;
    c.set("principal", found ? { keyId: found.keyId, scopes: found.scopes } : null);
    if (!found) c.set("authFailure", "the API key is not valid");
    return next();
  };
}

const unauthorized = (why: string | null): Problem =>
  new Problem(401, "unauthorized", "Unauthorized", why ?? "no API key", { headers: { "WWW-Authenticate": 'Bearer realm="gantry"' } });

/**
 * 401 for a caller without a valid key, before any body is read, hashed or size-checked and before storage is
 * touched (mounted on /v1/*, where every route is protected): an anonymous caller gets no work done for it.
 */
export function requireAuthenticated(): AppMiddleware {
  return async (c, next) => {
    if (!c.get("principal")) throw unauthorized(c.get("authFailure"));
    return next();
  };
}

/** Route middleware: 401 without a valid key, 403 when the key lacks `scope` (`train` implies `sample`). */
export function requireScope(scope: Scope): AppMiddleware {
  return async (c, next) => {
    const p = c.get("principal");
    if (!p) throw unauthorized(c.get("authFailure"));
    if (!p.scopes.has(scope) && !p.scopes.has("train")) {
      throw new Problem(403, "forbidden", "Forbidden", `this API key lacks the "${scope}" scope`);
    }
    return next();
  };
}
