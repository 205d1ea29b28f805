import { Metrics } from "@aws-lambda-powertools/metrics";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emfMetrics } from "./emf-metrics.ts";

describe("emfMetrics", () => {
  const written: string[] = [];
  const spy = () =>
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  const lines = () =>
    written
      .splice(0)
      .join("")
      .split("\n")
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("publishes ColdStart once per instance, then one line per invocation; samples add up within one invocation", () => {
    spy();
    // Lambda sets this; Powertools reports cold starts of on-demand instances only (provisioned ones are pre-warmed).
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    const m = emfMetrics(new Metrics({ namespace: "Gantry", serviceName: "gantry-api" }));
    m.samples(4);
    m.samples(6);
    m.request({ route: "POST /v1/models/:id/interpolations", status: 201, ms: 12.5 });
    m.flush();
    const first = lines();
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({ ColdStart: 1, service: "gantry-api" });
    expect(first[1]).toMatchObject({
      route: "POST /v1/models/:id/interpolations",
      statusClass: "2xx",
      Requests: 1,
      Latency: 12.5,
      SamplesGenerated: 10,
    });
    m.request({ route: "GET /healthz", status: 503, ms: 1 });
    m.flush();
    expect(lines()).toEqual([expect.objectContaining({ route: "GET /healthz", statusClass: "5xx", SamplesGenerated: 0 })]);
    // An invocation that answered nothing (the instance could not start) publishes nothing more.
    m.flush();
    expect(lines()).toEqual([]);
  });
});
