import { describe, expect, it } from "vitest";
import { AbortError } from "./errors.ts";
import { isRetryableStatus, parseRetryAfter, sleep } from "./retry.ts";

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP-date relative to now, clamping the past to 0", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
  });
  it("ignores absent or garbage values", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-3", now)).toBeNull();
  });
});

describe("isRetryableStatus", () => {
  it("retries 408, 429, 5xx (not 501) and transient conflicts only", () => {
    const yes = [[408], [429], [500], [502], [503], [504], [409, "urn:gantry:problem:idempotency-key-in-use"], [409, "about:blank"]] as const;
    const no = [[400], [401], [403], [404], [413], [422], [501], [409, "urn:gantry:problem:already-finished"]] as const;
    for (const [s, t] of yes) expect(isRetryableStatus(s, t), `${s} ${t}`).toBe(true);
    for (const [s, t] of no) expect(isRetryableStatus(s, t), `${s} ${t}`).toBe(false);
  });
});

describe("sleep", () => {
  it("rejects with AbortError when aborted", async () => {
    const ctl = new AbortController();
    const p = sleep(10_000, ctl.signal);
    ctl.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
    await expect(sleep(5, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
  });
});
