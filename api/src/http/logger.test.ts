import { describe, expect, it } from "vitest";
import { TRAIN_KEY, call, testApp } from "../test-support.ts";
import { jsonLogger, memoryLogger } from "./logger.ts";

describe("the API's logger (pino)", () => {
  it("writes one JSON line per entry: ISO time, level by name, fields, msg; lines below the level are dropped", () => {
    const lines: string[] = [];
    const log = jsonLogger({ level: "warn", destination: { write: (l: string) => void lines.push(l) } });
    log.info("not shown", { a: 1 });
    log.debug?.("not shown either");
    log.warn("shown", { a: 2 });
    log.error("also shown");
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toEqual({ level: "warn", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), a: 2, msg: "shown" });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: "error", msg: "also shown" });
  });

  it("redacts credentials passed as fields, at the top level and one level down", () => {
    const log = memoryLogger();
    log.info("oops", {
      apiKey: "k-top",
      authorization: "Bearer t-top",
      secret: "s",
      keep: "visible",
      cfg: { apiKeys: ["k1"], authorization: "Bearer t-nested" },
    });
    const text = JSON.stringify(log.entries);
    for (const s of ["k-top", "t-top", "k1", "t-nested", '"s"']) expect(text).not.toContain(s);
    expect(log.entries[0]).toMatchObject({ apiKey: "[redacted]", authorization: "[redacted]", keep: "visible", cfg: { apiKeys: "[redacted]" } });
  });

  it("the request log records headers but never the API key, however it was sent", async () => {
    const t = testApp();
    try {
      await call(t.app, "GET", "/v1/trainings");
      await call(t.app, "GET", "/v1/trainings", { key: null, headers: { "x-api-key": TRAIN_KEY, cookie: `session=${TRAIN_KEY}` } });
      await call(t.app, "GET", "/healthz", { key: null, headers: { authorization: `Basic ${btoa(`user:${TRAIN_KEY}`)}` } });
      const lines = t.logger.entries.filter((e) => e.msg === "request");
      expect(lines).toHaveLength(3);
      const text = JSON.stringify(t.logger.entries);
      expect(text).not.toContain(TRAIN_KEY);
      expect(text).not.toContain(btoa(`user:${TRAIN_KEY}`));
      expect(lines.map((l) => (l.req as { headers: Record<string, string> }).headers)).toEqual([
        expect.objectContaining({ authorization: "[redacted]" }),
        expect.objectContaining({ "x-api-key": "[redacted]", cookie: "[redacted]" }),
        expect.objectContaining({ authorization: "[redacted]" }),
      ]);
      expect(lines.map((l) => (l.res as { status: number }).status)).toEqual([200, 401, 200]);
    } finally {
      t.cleanup();
    }
  });
});
