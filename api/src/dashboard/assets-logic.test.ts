import { describe, expect, it } from "vitest";
import { chartLayout, decimate, niceTicks } from "./assets/chart.js";
import { fmtAgo, fmtCount, fmtDuration, fmtNum, fmtRate, merge } from "./assets/format.js";
import { createSseParser, type SseMessage } from "./assets/sse.js";

/** Feeds `chunks` to a fresh parser; returns the messages and retry values it produced. */
function parse(chunks: string[]): { messages: SseMessage[]; retries: number[] } {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const p = createSseParser((m) => messages.push(m), (ms) => retries.push(ms));
  for (const c of chunks) p.push(c);
  return { messages, retries };
}

describe("dashboard SSE parser", () => {
  const stream = 'retry: 1000\n\nid: 1\nevent: status\ndata: {"status":"running"}\n\n: keepalive\n\nid: 2\nevent: progress\ndata: {"step":10}\n\n';
  const expected = [
    { type: "status", data: '{"status":"running"}', id: "1" },
    { type: "progress", data: '{"step":10}', id: "2" },
  ];

  it("parses named events with ids, skips comments, reports retry", () => {
    expect(parse([stream])).toEqual({ messages: expected, retries: [1000] });
  });

  it("gives the same events whatever the chunking (one character at a time)", () => {
    expect(parse([...stream]).messages).toEqual(expected);
  });

  it("accepts CRLF and CR line ends, even a CRLF split across chunks", () => {
    const crlf = stream.replaceAll("\n", "\r\n");
    expect(parse([crlf]).messages).toEqual(expected);
    expect(parse([stream.replaceAll("\n", "\r")]).messages).toEqual(expected);
    // Were the split CRLF read as two line ends, the blank line would reset the event type to "message".
    expect(parse(["event: log\r", "\ndata: x\r\n\r\n"]).messages).toEqual([{ type: "log", data: "x", id: "" }]);
  });

  it("joins multi-line data, strips one leading space, keeps the last id, defaults the type", () => {
    const { messages } = parse(["id: 7\ndata: a\ndata:  b\ndata\n\n", "data: c\n\n", "data: never dispatched\n"]);
    expect(messages).toEqual([
      { type: "message", data: "a\n b\n", id: "7" },
      { type: "message", data: "c", id: "7" },
    ]);
  });

  it("ignores a blank event and a non-numeric retry", () => {
    expect(parse(["event: x\n\nretry: soon\n\n"])).toEqual({ messages: [], retries: [] });
  });
});

describe("dashboard chart geometry", () => {
  it("decimates to every k-th point plus the last", () => {
    const pts = Array.from({ length: 10 }, (_, i) => i);
    expect(decimate(pts, 20)).toBe(pts);
    expect(decimate(pts, 4)).toEqual([0, 3, 6, 9]); // k = ceil(10/4) = 3; 9 is already the last
    expect(decimate([...pts, 10], 4)).toEqual([0, 3, 6, 9, 10]);
  });

  it("picks round tick steps near range/count", () => {
    expect(niceTicks(0.6, 1.45, 4)).toEqual([0.6, 0.8, 1, 1.2, 1.4]); // raw 0.2125 → step 0.2
    expect(niceTicks(10, 150, 5)).toEqual([20, 40, 60, 80, 100, 120, 140]); // raw 28 → step 20
    expect(niceTicks(0, 1e6, 5)).toEqual([0, 2e5, 4e5, 6e5, 8e5, 1e6]);
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });

  const box = { width: 100, height: 60, pad: { top: 10, right: 10, bottom: 10, left: 10 } };

  it("maps points into the padded box with a 5% vertical margin", () => {
    const layout = chartLayout([{ key: "a", points: [{ x: 0, y: 0 }, { x: 10, y: 1 }] }], box)!;
    // y domain [-0.05, 1.05]; inner box 80 × 40 from (10, 10): y=0 → 10 + 40·(1.05/1.1) = 48.18.
    expect(layout.x).toEqual([0, 10]);
    expect(layout.y[0]).toBeCloseTo(-0.05, 12);
    expect(layout.y[1]).toBeCloseTo(1.05, 12);
    expect(layout.paths).toEqual([{ key: "a", d: "M10 48.2 L90 11.8", last: { x: 10, y: 1 } }]);
    expect(layout.yTicks.map((t) => t.v)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("centres a constant series, widens a single step, skips non-finite values", () => {
    const layout = chartLayout([{ key: "a", points: [{ x: 5, y: 2 }, { x: 5, y: Number.NaN }] }], box)!;
    expect(layout.x).toEqual([5, 6]);
    expect(layout.paths[0]!.d).toBe("M10 30");
    expect(chartLayout([{ key: "a", points: [{ x: 1, y: Number.POSITIVE_INFINITY }] }], box)).toBeNull();
  });
});

describe("dashboard formatting", () => {
  it("formats losses, counts, rates and durations", () => {
    expect([fmtNum(1.24567), fmtNum(-0.5), fmtNum(0), fmtNum(123456), fmtNum(0.0001234), fmtNum(Number.NaN), fmtNum(undefined)])
      .toEqual(["1.246", "-0.5", "0", "1.23e+5", "1.23e-4", "—", "—"]);
    expect([fmtCount(950), fmtCount(1500), fmtCount(20_000), fmtCount(1_200_000)]).toEqual(["950", "1.5k", "20k", "1.2M"]);
    expect([fmtRate(97.66), fmtRate(0), fmtRate(null)]).toEqual(["97.7", "—", "—"]);
    expect([fmtDuration(3725), fmtDuration(185), fmtDuration(42.4), fmtDuration(null), fmtDuration(-1)])
      .toEqual(["1h 02m", "3m 05s", "42s", "—", "—"]);
  });

  it("says how long ago", () => {
    const now = Date.parse("2025-01-02T12:00:00Z");
    expect(fmtAgo("2025-01-02T11:59:30Z", now)).toBe("just now");
    expect(fmtAgo("2025-01-02T11:55:00Z", now)).toBe("5 min ago");
    expect(fmtAgo("2025-01-02T09:00:00Z", now)).toBe("3 h ago");
    expect(fmtAgo("2024-12-25T09:00:00Z", now)).toBe("2024-12-25");
    expect(fmtAgo("not a date", now)).toBe("—");
  });

  it("deep-merges the advanced JSON over the form (arrays replace)", () => {
    const form = { data: { name: "ring8" }, model: { gHidden: [512], spectralNorm: false }, steps: 100 };
    expect(merge(form, { model: { gHidden: [32, 32] }, data: { classes: [1] }, steps: 150 })).toEqual({
      data: { name: "ring8", classes: [1] }, model: { gHidden: [32, 32], spectralNorm: false }, steps: 150,
    });
    expect(merge(form, [1])).toEqual([1]);
  });
});
