/** verifyWebhook against signatures made by the `standardwebhooks` library (what the API signs with). */
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WebhookVerificationError, verifyWebhook } from "./webhooks.ts";

// 24 fixed bytes, base64: a secret in the format the API is configured with.
const SECRET = `whsec_${btoa("0123456789abcdefghijklmn")}`;
const OTHER = `whsec_${btoa("nmlkjihgfedcba9876543210")}`;
const NOW = Date.parse("2026-01-01T00:00:00Z");

function signed(body: string, secret = SECRET, at = NOW) {
  const headers = {
    "webhook-id": "msg_1",
    "webhook-timestamp": String(at / 1000),
    "webhook-signature": new Webhook(secret).sign("msg_1", new Date(at), body),
  };
  return { payload: body, headers, secret: SECRET, now: NOW };
}

const BODY = JSON.stringify({ type: "training.completed", timestamp: "2026-01-01T00:00:00.000Z", data: { id: "t-1", status: "succeeded" } });

describe("verifyWebhook", () => {
  it("accepts the library's signature and returns the payload", async () => {
    await expect(verifyWebhook(signed(BODY))).resolves.toMatchObject({ type: "training.completed", data: { id: "t-1" } });
    // As bytes and through a Headers object too.
    const s = signed(BODY);
    await expect(verifyWebhook({ ...s, payload: new TextEncoder().encode(BODY), headers: new Headers(s.headers) })).resolves.toBeTruthy();
  });

  it("rejects a tampered body, another secret, a stale timestamp and missing headers", async () => {
    const s = signed(BODY);
    await expect(verifyWebhook({ ...s, payload: BODY.replace("succeeded", "failed") })).rejects.toThrow(/no webhook-signature matches/);
    await expect(verifyWebhook(signed(BODY, OTHER))).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook({ ...signed(BODY, SECRET, NOW - 301_000) })).rejects.toThrow(/outside the tolerance/);
    await expect(verifyWebhook({ ...s, headers: { ...s.headers, "webhook-signature": undefined } })).rejects.toThrow(/missing/);
  });

  it("accepts any one valid signature among several (secret rotation)", async () => {
    const s = signed(BODY);
    const rotated = `v1,${btoa("x".repeat(32))} ${s.headers["webhook-signature"]}`;
    await expect(verifyWebhook({ ...s, headers: { ...s.headers, "webhook-signature": rotated } })).resolves.toBeTruthy();
  });
});
