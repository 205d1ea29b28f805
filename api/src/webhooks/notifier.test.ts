/**
 * Study webhooks through the app and the one notifier: POST /v1/studies with a `webhook` hands the study to the
 * notifier, which posts signed `study.start` / `study.completed` to a receiver on loopback (checked with the
 * Standard Webhooks library the server signs with). The study engine is an in-memory stand-in whose status the test
 * moves by hand, so each delivery can be asserted on its own.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import type { StudiesService, StudyView } from "../deps.ts";
import { call, expectProblem, testApp, type TestApp } from "../test-support.ts";
import { WebhookNotifier } from "./notifier.ts";

const SECRET = `whsec_${Buffer.from("notifier-test-secret-0123456789").toString("base64")}`;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(): Promise<{ url: string; got: Delivery[]; close: () => Promise<void> }> {
  const got: Delivery[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, got, close: () => new Promise((r) => server.close(() => r())) };
}

/** A study engine whose studies stay where the test puts them. */
function studiesAt(): StudiesService & { set(id: string, status: string): void } {
  const docs = new Map<string, StudyView>();
  return {
    async create(spec) {
      const doc = { id: `s-${docs.size + 1}`, status: "queued", config: spec } as unknown as StudyView;
      docs.set(doc.id, doc);
      return doc;
    },
    async get(id) {
      const d = docs.get(id);
      return d ? { ...d } : null;
    },
    async report() {
      return null;
    },
    set(id, status) {
      (docs.get(id) as { status: string }).status = status;
    },
  };
}

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

describe("study webhooks", () => {
  let t: TestApp | undefined;
  let close: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of close) await c();
    close = [];
    t?.cleanup();
  });

  /** A receiver, a fast-polling notifier, and an app with both and a hand-moved study engine. */
  const wired = async () => {
    const r = await receiver();
    const notifier = new WebhookNotifier({ secret: SECRET, pollMs: 10, baseDelayMs: 10 });
    close.push(r.close, () => notifier.close());
    const studies = studiesAt();
    t = testApp({ studies, webhooks: notifier });
    return { r, studies, app: t.app };
  };

  it("posts signed study.start, then study.completed once the study fails, and keeps the webhook out of the spec", async () => {
    const { r, studies, app } = await wired();
    const res = await call(app, "POST", "/v1/studies", { body: { data: { name: "ring8" }, losses: ["ns"], webhook: r.url } });
    expect(res.status).toBe(202);
    const study = (await res.json()) as { id: string; config: Record<string, unknown> };
    expect(study.config).toEqual({ data: { name: "ring8" }, losses: ["ns"] });

    // Queued: nothing yet. Running: start. "interrupted" resumes later, so it is not the end.
    await new Promise((res) => setTimeout(res, 100));
    expect(r.got).toHaveLength(0);
    studies.set(study.id, "running");
    await until(() => r.got.length === 1);
    studies.set(study.id, "interrupted");
    await new Promise((res) => setTimeout(res, 100));
    expect(r.got).toHaveLength(1);
    studies.set(study.id, "failed");
    await until(() => r.got.length === 2);
    await new Promise((res) => setTimeout(res, 100));
    expect(r.got).toHaveLength(2); // once each

    const wh = new Webhook(SECRET);
    const payloads = r.got.map(
      (d) => wh.verify(d.body, d.headers as Record<string, string>) as { type: string; data: { id: string; status: string } },
    );
    expect(payloads.map((p) => [p.type, p.data.id, p.data.status])).toEqual([
      ["study.start", study.id, "running"],
      ["study.completed", study.id, "failed"],
    ]);
    const tampered = r.got[1]!.body.replace('"failed"', '"succeeded"');
    expect(() => wh.verify(tampered, r.got[1]!.headers as Record<string, string>)).toThrow();
  });

  it("sends only the filtered events; a succeeded study completes too", async () => {
    const { r, studies, app } = await wired();
    const res = await call(app, "POST", "/v1/studies", { body: { data: { name: "ring8" }, webhook: r.url, webhookEventsFilter: ["completed"] } });
    const { id } = (await res.json()) as { id: string };
    studies.set(id, "running");
    await new Promise((res) => setTimeout(res, 100));
    studies.set(id, "succeeded");
    await until(() => r.got.length === 1);
    const p = new Webhook(SECRET).verify(r.got[0]!.body, r.got[0]!.headers as Record<string, string>) as { type: string; data: { status: string } };
    expect([p.type, p.data.status]).toEqual(["study.completed", "succeeded"]);
  });

  it("refuses a study webhook where the deployment has no secret, and a bad URL or event, naming the field", async () => {
    t = testApp({ studies: studiesAt() });
    await expectProblem(await call(t.app, "POST", "/v1/studies", { body: { data: { name: "ring8" }, webhook: "http://127.0.0.1:9/x" } }), 422, [
      "body.webhook",
    ]);
    await expectProblem(await call(t.app, "POST", "/v1/studies", { body: { webhook: "ftp://example.test/x" } }), 422, ["body.webhook"]);
    await expectProblem(
      await call(t.app, "POST", "/v1/studies", { body: { webhook: "http://127.0.0.1:9/x", webhookEventsFilter: ["output"] } }),
      422,
      ["body.webhookEventsFilter.0"],
    );
  });
});
