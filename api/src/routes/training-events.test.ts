import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageUnavailableError, type Storage } from "@gantry/core";
import { trainingKeys } from "@gantry/trainer/storage";
import { finalizeTraining } from "../runner/finalize.ts";
import { patchStatus, type StoredEvent } from "../services/training-store.ts";
import { call, expectProblem, seedTraining, tempStorage, testApp, type TestApp } from "../test-support.ts";

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads a whole SSE response (the stream must end) into messages; comment-only blocks are dropped. */
async function readSse(res: Response): Promise<SseMessage[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .map((block) => {
      const m: SseMessage = {};
      for (const line of block.split("\n")) {
        const i = line.indexOf(": ");
        const [k, v] = i > 0 ? [line.slice(0, i), line.slice(i + 2)] : [line, ""];
        if (k === "id" || k === "event" || k === "data") m[k] = v;
      }
      return m;
    })
    .filter((m) => m.id !== undefined);
}

const ev = (id: number, type: StoredEvent["type"], data: Record<string, unknown>): StoredEvent => ({
  id,
  type,
  data,
  time: new Date(0).toISOString(),
});
const jsonl = (events: StoredEvent[]) => `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;

describe("GET /v1/trainings/{id}/events", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp({ limits: { ssePollMs: 40 } });
    await seedTraining(t.storage, "t-sse", { status: "running" });
  });
  afterEach(() => t.cleanup());

  it("streams events in order as the job rewrites the file, and ends after the terminal status", async () => {
    const keys = trainingKeys("t-sse");
    const first = [ev(1, "status", { status: "running" }), ev(2, "progress", { step: 10 })];
    await t.storage.put(keys.events, jsonl(first));
    const res = await call(t.app, "GET", "/v1/trainings/t-sse/events");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = readSse(res);
    // The job rewrites the whole file at each flush.
    await new Promise((r) => setTimeout(r, 150));
    const more = [...first, ev(3, "metric", { step: 20, energy: 0.5 }), ev(4, "log", { message: "hi" })];
    await t.storage.put(keys.events, jsonl(more));
    await new Promise((r) => setTimeout(r, 150));
    await t.storage.put(keys.events, jsonl([...more, ev(5, "status", { status: "succeeded" })]));
    await patchStatus(t.storage, "t-sse", { status: "succeeded" });
    const msgs = await body;
    expect(msgs.map((m) => [m.id, m.event])).toEqual([
      ["1", "status"],
      ["2", "progress"],
      ["3", "metric"],
      ["4", "log"],
      ["5", "status"],
    ]);
    expect(JSON.parse(msgs[2]!.data!)).toEqual(ev(3, "metric", { step: 20, energy: 0.5 }));
  });

  it("resumes after Last-Event-ID (header or query)", async () => {
    const all = [ev(1, "status", { status: "running" }), ev(2, "progress", { step: 1 }), ev(3, "progress", { step: 2 })];
    await t.storage.put(trainingKeys("t-sse").events, jsonl(all));
    await finalizeTraining(t.storage, "t-sse", "canceled", null); // appends event 4 and ends the stream
    const fromHeader = await readSse(await call(t.app, "GET", "/v1/trainings/t-sse/events", { headers: { "last-event-id": "2" } }));
    expect(fromHeader.map((m) => m.id)).toEqual(["3", "4"]);
    expect(JSON.parse(fromHeader[1]!.data!).data).toEqual({ status: "canceled", error: null });
    const fromQuery = await readSse(await call(t.app, "GET", "/v1/trainings/t-sse/events?lastEventId=3"));
    expect(fromQuery.map((m) => m.id)).toEqual(["4"]);
    const past = await readSse(await call(t.app, "GET", "/v1/trainings/t-sse/events", { headers: { "last-event-id": "4" } }));
    expect(past).toEqual([]);
  });

  it("ends a stream whose training ended without a terminal event", async () => {
    await t.storage.put(trainingKeys("t-sse").events, jsonl([ev(1, "status", { status: "running" })]));
    await patchStatus(t.storage, "t-sse", { status: "failed" });
    expect((await readSse(await call(t.app, "GET", "/v1/trainings/t-sse/events"))).map((m) => m.id)).toEqual(["1"]);
  });

  it("waits briefly for a terminal event that lands just after status.json (writers write status first)", async () => {
    const keys = trainingKeys("t-sse");
    const running = [ev(1, "status", { status: "running" })];
    await t.storage.put(keys.events, jsonl(running));
    await patchStatus(t.storage, "t-sse", { status: "succeeded" });
    const body = readSse(await call(t.app, "GET", "/v1/trainings/t-sse/events"));
    await new Promise((r) => setTimeout(r, 150)); // several polls (40 ms) after the terminal status.json
    await t.storage.put(keys.events, jsonl([...running, ev(2, "status", { status: "succeeded" })]));
    expect((await body).map((m) => [m.id, m.event])).toEqual([
      ["1", "status"],
      ["2", "status"],
    ]);
  });

  it("404 for an unknown training, 400 for a bad Last-Event-ID", async () => {
    await expectProblem(await call(t.app, "GET", "/v1/trainings/t-nope/events"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/trainings/t-sse/events", { headers: { "last-event-id": "x" } }), 400, [
      "headers.last-event-id",
    ]);
  });

  it("rides out failed storage reads (a reset socket) and still ends at the terminal status", async () => {
    const temp = tempStorage();
    let failures = 0;
    // Every read of status.json fails while `failing` is set, as s3rver's reset keep-alive sockets did on Node 24.
    let failing = false;
    const flaky = new Proxy(temp.storage, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (!["get", "getText", "getJson"].includes(String(prop)) || typeof v !== "function") return typeof v === "function" ? v.bind(target) : v;
        return async (key: string) => {
          if (failing && key.endsWith("status.json")) {
            failures++;
            throw new StorageUnavailableError("get", key, "file://test", new Error("ECONNRESET"));
          }
          return v.call(target, key);
        };
      },
    }) as Storage;
    const f = testApp({ storage: flaky, limits: { ssePollMs: 20 } });
    try {
      await seedTraining(temp.storage, "t-flaky", { status: "running" });
      await temp.storage.put(trainingKeys("t-flaky").events, jsonl([ev(1, "status", { status: "running" })]));
      const body = readSse(await call(f.app, "GET", "/v1/trainings/t-flaky/events"));
      failing = true; // once the stream is open: the route's own 404 check read status.json before it
      await new Promise((r) => setTimeout(r, 120));
      failing = false;
      await finalizeTraining(temp.storage, "t-flaky", "succeeded", null);
      const msgs = await body;
      expect(failures).toBeGreaterThanOrEqual(2);
      expect(msgs.map((m) => [m.id, m.event])).toEqual([
        ["1", "status"],
        ["2", "status"],
      ]);
      expect(JSON.parse(msgs[1]!.data!).data.status).toBe("succeeded");
    } finally {
      f.cleanup();
      temp.cleanup();
    }
  });
});
