/**
 * Verifies a Gantry webhook delivery (Standard Webhooks: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>",
 * key = the base64 after "whsec_"). Written on WebCrypto rather than depending on the `standardwebhooks` package
 * (which the server signs with): it keeps the SDK at two runtime dependencies and runs unchanged in Node, browsers,
 * Deno, Bun and edge runtimes; src/webhooks.test.ts checks it against that library's signatures.
 */
import { GantryError } from "./core/errors.ts";
import type { AnyWebhookPayload } from "./types.ts";

/** The delivery was not signed with the secret, is malformed, or is outside the timestamp tolerance. */
export class WebhookVerificationError extends GantryError {
  override name = "WebhookVerificationError";
}

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (re-serialised JSON will not verify). */
  payload: string | Uint8Array;
  /** The request headers (a Headers object or a plain record, e.g. Node's req.headers). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The deployment's GANTRY_WEBHOOK_SECRET ("whsec_…"). */
  secret: string;
  /** Largest allowed clock difference, in seconds (replay protection). Default 300. */
  toleranceSeconds?: number;
  /** Current time in ms, for tests. */
  now?: number;
}

const header = (h: VerifyWebhookOptions["headers"], name: string): string | undefined => {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Checks the signature and timestamp, then returns the parsed payload; throws WebhookVerificationError otherwise. */
export async function verifyWebhook(o: VerifyWebhookOptions): Promise<AnyWebhookPayload> {
  const id = header(o.headers, "webhook-id");
  const ts = header(o.headers, "webhook-timestamp");
  const sigs = header(o.headers, "webhook-signature");
  if (!id || !ts || !sigs) throw new WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header");
  const seconds = Number(ts);
  if (!/^\d+$/.test(ts)) throw new WebhookVerificationError("webhook-timestamp is not a number of seconds");
  if (Math.abs((o.now ?? Date.now()) / 1000 - seconds) > (o.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError("webhook-timestamp is outside the tolerance (a replay, or a skewed clock)");
  }
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey("raw", fromBase64(o.secret.replace(/^whsec_/, "")), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  } catch (err) {
    throw new WebhookVerificationError("the secret is not whsec_<base64>", { cause: err });
  }
  const body = typeof o.payload === "string" ? o.payload : new TextDecoder().decode(o.payload);
  const signed = new TextEncoder().encode(`${id}.${ts}.${body}`);
  // The header may carry several space-separated signatures (during secret rotation); one valid v1 suffices.
  // subtle.verify compares in constant time.
  for (const part of sigs.split(" ")) {
    const [version, b64] = part.split(",");
    if (version !== "v1" || !b64) continue;
    let sig: Uint8Array<ArrayBuffer>;
    try {
      sig = fromBase64(b64);
    } catch {
      continue;
    }
    if (await crypto.subtle.verify("HMAC", key, sig, signed)) {
      try {
        return JSON.parse(body) as AnyWebhookPayload;
      } catch (err) {
        throw new WebhookVerificationError("the signed body is not JSON", { cause: err });
      }
    }
  }
  throw new WebhookVerificationError("no webhook-signature matches the body and secret");
}
