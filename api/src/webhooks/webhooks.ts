/**
 * Webhooks (Replicate's convention: a `webhook` URL and a `webhookEventsFilter` on a training or a study), delivered as
 * Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256 over "id.timestamp.body"
 * with the deployment's secret, signed by the `standardwebhooks` library).
 *
 * A delivery never blocks the job: the notifier follows the training's stored status (so it works with any runner)
 * and posts from this process in the background, retrying with exponential backoff. Deliveries live in this process's
 * memory: an API restart drops the ones not yet made (receivers should also be able to poll GET /v1/trainings/{id}).
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { z } from "@hono/zod-openapi";

export const WEBHOOK_EVENTS = ["start", "completed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The request fields; `webhookEventsFilter` defaults to every event. */
export const WebhookFields = {
  webhook: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional()
    .openapi({
      description: "URL to POST signed notifications to (Standard Webhooks headers: webhook-id, webhook-timestamp, webhook-signature).",
    }),
  webhookEventsFilter: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional().openapi({
    description:
      "Events to send: `start` (the training or study began running), `completed` (it ended: succeeded, failed or, for a training, canceled; `data.status` says which). Default: both.",
  }),
};

/** The target a request's webhook fields name, or null when it names none. */
export function webhookTarget(f: { webhook?: string | undefined; webhookEventsFilter?: WebhookEvent[] | undefined }): WebhookTarget | null {
  return f.webhook ? { url: f.webhook, events: f.webhookEventsFilter ?? [...WEBHOOK_EVENTS] } : null;
}

export interface WebhookTarget {
  url: string;
  events: WebhookEvent[];
}

export interface WebhookOptions {
  /** `whsec_<base64>` (or raw base64) secret shared with receivers. */
  secret: string;
  fetch?: typeof fetch;
  /** Attempts per delivery (first try included). Default 6. */
  attempts?: number;
  /** Delay before the first retry; doubles after each. Default 1000 ms. */
  baseDelayMs?: number;
  /** Per-attempt time limit. Default 10 000 ms. */
  timeoutMs?: number;
  onResult?: (r: { url: string; type: string; attempt: number; ok: boolean; status: number | null; error?: string }) => void;
}

/** Signs and sends one notification, retrying until a 2xx or the attempts run out; resolves true when delivered. */
export async function deliver(o: WebhookOptions, url: string, type: string, data: unknown): Promise<boolean> {
  const wh = new Webhook(o.secret);
  const id = `msg_${randomUUID()}`;
  const attempts = o.attempts ?? 6;
  const f = o.fetch ?? fetch;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // Same id on every attempt (receivers de-duplicate on it); a fresh timestamp and signature each time, so a
    // late retry is not rejected by the receiver's timestamp tolerance.
    const now = new Date();
    const body = JSON.stringify({ type, timestamp: now.toISOString(), data });
    let status: number | null = null;
    let error: string | undefined;
    try {
      const res = await f(url, {
        method: "POST",
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        redirect: "manual",
        headers: {
          "content-type": "application/json",
          "user-agent": "gantry-webhooks",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": wh.sign(id, now, body),
        },
      });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      error = err instanceof Error ? ((err.cause as { code?: string } | undefined)?.code ?? err.message) : String(err);
    }
    const ok = status !== null && status >= 200 && status < 300;
    o.onResult?.({ url, type, attempt, ok, status, ...(error ? { error } : {}) });
    if (ok) return true;
    if (attempt < attempts) await new Promise((r) => setTimeout(r, (o.baseDelayMs ?? 1000) * 2 ** (attempt - 1)));
  }
  return false;
}

/** What a webhook follows; a delivery's `type` is `<kind>.<event>`, its `data` the resource as GET returns it. */
export const WEBHOOK_SUBJECTS = ["training", "study"] as const;
export type WebhookSubjectKind = (typeof WEBHOOK_SUBJECTS)[number];

/** The body of every delivery about a `kind` (declared in the OpenAPI document's `webhooks`). */
export const WebhookPayloadSchema = (kind: WebhookSubjectKind, data: z.ZodType) =>
  z
    .object({
      type: z.enum(WEBHOOK_EVENTS.map((e) => `${kind}.${e}` as const) as [`${WebhookSubjectKind}.${WebhookEvent}`]),
      timestamp: z.string().openapi({ description: "When this attempt was sent (ISO 8601)." }),
      data,
    })
    // "WebhookPayload" stays the training's (its name predates study webhooks; SDK users import it).
    .openapi(kind === "training" ? "WebhookPayload" : "StudyWebhookPayload");

const SignedHeaders = z.object({
  "webhook-id": z.string().openapi({ description: "Message id, the same on every retry of one notification." }),
  "webhook-timestamp": z.string().openapi({ description: "Unix seconds when this attempt was signed." }),
  "webhook-signature": z.string().openapi({ description: '`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed by GANTRY_WEBHOOK_SECRET.' }),
});

/** Declares the `training` and `study` webhooks (what receivers get) in the OpenAPI document. */
export function registerWebhooks(registry: { registerWebhook(route: never): void }, data: Record<WebhookSubjectKind, z.ZodType>): void {
  for (const kind of WEBHOOK_SUBJECTS) {
    registry.registerWebhook({
      // No bearer auth toward the receiver: the webhook-signature header is what authenticates a delivery.
      method: "post",
      path: kind,
      operationId: `${kind}Webhook`,
      tags: [kind === "training" ? "trainings" : "studies"],
      security: [],
      summary: `Notification to a ${kind}'s \`webhook\` URL (Standard Webhooks signature)`,
      request: { headers: SignedHeaders, body: { content: { "application/json": { schema: WebhookPayloadSchema(kind, data[kind]) } } } },
      responses: {
        200: { description: "Any 2xx acknowledges the delivery." },
        400: { description: "Rejected (e.g. bad signature); any non-2xx answer is retried, 6 attempts with doubling delays." },
      },
    } as never);
  }
}
