import { describe, expect, it } from "vitest";
import { LOSS_COLOURS, bandColumns, groupLabel, lastPoints } from "./assets/bands.js";
import { CALIBRATION, OVERHEAD_SECONDS, costInputs, estimateSeconds, mlpWeights, networkCost, stepCost } from "./assets/estimate.js";
import { fieldBounds, fieldColour, fieldPixels, quantile } from "./assets/field.js";
import { fmtAgo, fmtCount, fmtDuration, fmtNum, fmtRate, merge } from "./assets/format.js";
import { STEP_CHARTS, addLine, alignSteps, allPositive, createStore, smooth } from "./assets/series.js";
import { createSseParser, type SseMessage } from "./assets/sse.js";

/** Feeds `chunks` to a fresh parser; returns the messages and retry values it produced. */
function parse(chunks: string[]): { messages: SseMessage[]; retries: number[] } {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const p = createSseParser(
    (m) => messages.push(m),
    (ms) => retries.push(ms),
  );
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

describe("dashboard formatting", () => {
  it("formats losses, counts, rates and durations", () => {
    expect([fmtNum(1.24567), fmtNum(-0.5), fmtNum(0), fmtNum(123456), fmtNum(0.0001234), fmtNum(Number.NaN), fmtNum(undefined)]).toEqual([
      "1.246",
      "-0.5",
      "0",
      "1.23e+5",
      "1.23e-4",
      "—",
      "—",
    ]);
    expect([fmtCount(950), fmtCount(1500), fmtCount(20_000), fmtCount(1_200_000)]).toEqual(["950", "1.5k", "20k", "1.2M"]);
    expect([fmtRate(97.66), fmtRate(0), fmtRate(null)]).toEqual(["97.7", "—", "—"]);
    expect([fmtDuration(3725), fmtDuration(185), fmtDuration(42.4), fmtDuration(null), fmtDuration(-1)]).toEqual([
      "1h 02m",
      "3m 05s",
      "42s",
      "—",
      "—",
    ]);
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
      data: { name: "ring8", classes: [1] },
      model: { gHidden: [32, 32], spectralNorm: false },
      steps: 150,
    });
    expect(merge(form, [1])).toEqual([1]);
  });
});

describe("dashboard metric series", () => {
  it("appends step logs once, in step order, with a column per charted key", () => {
    const st = createStore();
    expect(addLine(st, { step: 10, dLoss: 1, gLoss: 2, dGradNorm: 0.5, gGradNorm: 0.25, realMean: 1, fakeMean: -1 })).toBe("step");
    expect(addLine(st, { step: 10, dLoss: 9, gLoss: 9 })).toBeNull(); // a replayed line
    expect(addLine(st, { step: 20, dLoss: 3, gLoss: Number.NaN })).toBe("step");
    expect(addLine(st, { step: 30 })).toBeNull();
    expect(st.steps).toEqual([10, 20]);
    expect(st.cols.dLoss).toEqual([1, 3]);
    expect(st.cols.gLoss).toEqual([2, null]); // non-finite values are gaps
    expect(st.cols.dGradNorm).toEqual([0.5, null]);
    expect(Object.keys(st.cols).sort()).toEqual(STEP_CHARTS.flatMap((c) => c.keys).sort());
  });

  it("aligns evaluation metrics on their own axis, backfilling a metric first seen late", () => {
    const st = createStore();
    addLine(st, { step: 100, eval: { swd: 0.5 } });
    addLine(st, { step: 200, eval: { swd: 0.25, modesCaptured: 6 } });
    addLine(st, { step: 150, eval: { swd: 1 } }); // out of order: ignored
    expect(st.evalSteps).toEqual([100, 200]);
    expect(st.evals).toEqual({ swd: [0.5, 0.25], modesCaptured: [null, 6] });
    expect(st.steps).toEqual([]);
  });

  it("smooths with a bias-corrected moving average and keeps gaps", () => {
    expect(smooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    // w = 0.5: acc 0.5, 1.25, 2.125 divided by 1 − 0.5^k = 0.5, 0.75, 0.875 → 1, 5/3, 17/7.
    const s = smooth([1, 2, null, 3], 0.5);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(5 / 3, 12);
    expect(s[2]).toBeNull();
    expect(s[3]).toBeCloseTo(17 / 7, 12);
  });

  it("aligns two trainings' columns on the union of their steps", () => {
    const r = alignSteps([
      { steps: [10, 20, 30], values: [1, 2, 3] },
      { steps: [20, 40], values: [5, null] },
    ]);
    expect(r).toEqual({
      steps: [10, 20, 30, 40],
      columns: [
        [1, 2, 3, null],
        [null, 5, null, null],
      ],
    });
  });

  it("allows a log scale only for positive values", () => {
    expect(allPositive([[1, null, 2], [0.5]])).toBe(true);
    expect(allPositive([[1, 0]])).toBe(false);
    expect(allPositive([[null]])).toBe(false);
  });
});

describe("dashboard critic field colours", () => {
  it("takes robust bounds and maps them to the diverging ends", () => {
    expect(quantile([3, 1, 2, Number.NaN], 0.5)).toBe(2);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    const values = Array.from({ length: 101 }, (_, i) => i); // 0..100: 2nd and 98th percentiles are 2 and 98
    expect(fieldBounds(values)).toEqual([2, 98]);
    expect(fieldBounds([5, 5])).toEqual([4.5, 5.5]);
    expect(fieldColour(-1e9, [0, 1])).toEqual([194, 165, 207]); // clamped to the "fake" end
    expect(fieldColour(0.5, [0, 1])).toEqual([247, 247, 247]);
    expect(fieldColour(1e9, [0, 1])).toEqual([166, 219, 160]);
    expect(fieldColour(0.75, [0, 1])).toEqual([207, 233, 204]); // halfway from the middle to the "real" end (rounded)
    const px = fieldPixels([0, Number.NaN], [0, 1]);
    expect([...px]).toEqual([194, 165, 207, 255, 0, 0, 0, 0]);
  });
});

describe("dashboard duration estimate", () => {
  const tables = {
    losses: { "wgan-lp": { nCritic: 5, penalty: true }, ns: { nCritic: 1, penalty: false } },
    archs: {
      mlp2d: { zDim: 2, gHidden: [64, 64, 64], dHidden: [64, 64, 64] },
      mlp: { zDim: 100, gHidden: [256, 512], dHidden: [512, 256] },
      dcgan: { zDim: 100, gHidden: [128, 64], dHidden: [64, 128] },
    },
    batchSize: 64,
    steps: 2000,
  };
  const datasets = new Map([
    ["ring8", { kind: "toy2d", sampleShape: [2] }],
    ["mnist", { kind: "image", sampleShape: [28, 28, 1] }],
    ["upload:u-1", { kind: "tabular", sampleShape: [3] }],
  ]);
  // biome-ignore lint/suspicious/noExplicitAny: the estimate module's own signature (a config as JSON)
  const inputsFor = (c: Record<string, any>) => costInputs(c, datasets.get(c.data?.name), tables);

  it("counts MLP weights and the work of one step", () => {
    // G 2→64→64→64→2: 192 + 4160 + 4160 + 130 = 8642; D 2→64→64→64→1: 192 + 4160 + 4160 + 65 = 8577.
    expect(mlpWeights([2, 64, 64, 64, 2])).toBe(8642);
    expect(mlpWeights([2, 64, 64, 64, 1])).toBe(8577);
    // 64 × 17 219 × (5 critic updates × 2 for the penalty + 1 generator update).
    expect(stepCost(inputsFor({ data: { name: "ring8" }, loss: { name: "wgan-lp" } })!)).toBe(64 * 17219 * 11);
    expect(stepCost(inputsFor({ data: { name: "ring8" }, loss: { name: "ns" }, batchSize: 128 })!)).toBe(128 * 17219 * 2);
    expect(inputsFor({ data: { name: "nope" }, loss: { name: "ns" } })).toBeNull();
    expect(inputsFor({ data: { name: "ring8" }, loss: { name: "nope" } })).toBeNull();
  });

  it("costs a DCGAN's convolutions and an upload's MLP from its listed shape", () => {
    // G: 100·49·128 + 49·16·128·64 + 196·16·64·1 = 627 200 + 6 422 528 + 200 704 = 7 250 432;
    // D: 196·16·1·64 + 49·16·64·128 + 49·128 = 200 704 + 6 422 528 + 6 272 = 6 629 504.
    expect(networkCost("dcgan", tables.archs.dcgan, [28, 28, 1])).toBe(7250432 + 6629504);
    const dc = inputsFor({ data: { name: "mnist" }, loss: { name: "ns" }, model: { arch: "dcgan" } })!;
    expect(dc).toMatchObject({ arch: "dcgan", gHidden: [128, 64], sampleShape: [28, 28, 1] });
    expect(stepCost(dc)).toBe(64 * (7250432 + 6629504) * 2);
    // An upload of 3-D points (kind tabular) trains an MLP sized by its listed sample shape.
    const up = inputsFor({ data: { name: "upload:u-1" }, loss: { name: "ns" }, model: { gHidden: [8], dHidden: [8] } })!;
    expect(up.arch).toBe("mlp");
    // G 100→8→3: 808 + 27; D 3→8→1: 32 + 9.
    expect(networkCost(up.arch, up, up.sampleShape)).toBe(808 + 27 + 32 + 9);
  });

  it("uses the architecture's calibration without runs, the median measured rate of the same architecture with them", () => {
    const c = { data: { name: "ring8" }, loss: { name: "wgan-lp" }, steps: 2000 };
    const cal = estimateSeconds(c, inputsFor)!;
    expect(cal.from).toBe("calibration");
    expect(cal.seconds).toBeCloseTo(OVERHEAD_SECONDS + 2000 * 64 * 17219 * 11 * CALIBRATION.mlp2d!, 6);
    expect(cal.seconds).toBeGreaterThan(50);
    expect(cal.seconds).toBeLessThan(120);
    const dc = { data: { name: "mnist" }, loss: { name: "ns" }, model: { arch: "dcgan" }, steps: 100 };
    expect(estimateSeconds(dc, inputsFor)).toEqual({
      seconds: OVERHEAD_SECONDS + 100 * 64 * 13879936 * 2 * CALIBRATION.dcgan!,
      from: "calibration",
      runs: 0,
      arch: "dcgan",
    });
    // Three ns runs at 100, 50 and 25 steps/s: the median one (50 steps/s at 64·17 219·2 units) sets the rate.
    const runs = [100, 50, 25].map((sps) => ({ config: { data: { name: "ring8" }, loss: { name: "ns" } }, progress: { stepsPerSecond: sps } }));
    const measured = estimateSeconds({ data: { name: "ring8" }, loss: { name: "ns" }, steps: 1000 }, inputsFor, runs)!;
    expect(measured).toEqual({ seconds: OVERHEAD_SECONDS + 1000 / 50, from: "runs", runs: 3, arch: "mlp2d" });
    // Those MLP runs say nothing about a DCGAN's speed: it keeps its calibration.
    expect(estimateSeconds(dc, inputsFor, runs)!.from).toBe("calibration");
    // A finished DCGAN run at 2 steps/s sets the DCGAN rate: 50 steps of the same config take 25 s plus the overhead.
    const dcRun = [{ config: dc, progress: { stepsPerSecond: 2 } }];
    const same = estimateSeconds({ ...dc, steps: 50 }, inputsFor, dcRun)!;
    expect(same.seconds).toBeCloseTo(OVERHEAD_SECONDS + 25, 9);
    expect(estimateSeconds({ ...dc, model: { arch: "lstm" } }, inputsFor)).toBeNull();
  });
});

describe("dashboard study bands", () => {
  const p = (step: number, mean: number, lo: number, hi: number, n = 2) => ({ step, mean, lo, hi, n });
  const curves = {
    metric: "swd",
    groups: [
      { loss: "ns", trial: null, runIds: ["ns-s0", "ns-s1"], points: [p(10, 0.5, 0.4, 0.6), p(20, 0.2, 0.2, 0.2)] },
      { loss: "hinge", trial: null, runIds: ["hinge-s0"], points: [] },
      { loss: "wgan-gp", trial: 3, runIds: ["wgan-gp-t3-s0"], points: [p(20, 0.3, 0.3, 0.3, 1), p(30, 0.1, 0.05, 0.15)] },
    ],
  };

  it("puts every group with points on one step axis, null where a group was not evaluated", () => {
    const b = bandColumns(curves);
    expect(b.steps).toEqual([10, 20, 30]);
    expect(b.series.map((s) => s.label)).toEqual(["ns", "wgan-gp · trial 3"]);
    expect(b.series[0]).toMatchObject({ mean: [0.5, 0.2, null], lo: [0.4, 0.2, null], hi: [0.6, 0.2, null] });
    expect(b.series[1]).toMatchObject({ mean: [null, 0.3, 0.1], lo: [null, 0.3, 0.05], hi: [null, 0.3, 0.15] });
    // A loss keeps its colour from its place in the study, whether or not the ones before it have points.
    expect(b.series.map((s) => s.colour)).toEqual([LOSS_COLOURS[0], LOSS_COLOURS[2]]);
    expect(bandColumns({ metric: "swd", groups: [] })).toEqual({ steps: [], series: [] });
  });

  it("names groups and gives each one's last point", () => {
    expect(groupLabel(curves.groups[0]!)).toBe("ns");
    expect(groupLabel(curves.groups[2]!)).toBe("wgan-gp · trial 3");
    expect(lastPoints(curves)).toEqual([
      { label: "ns", step: 20, mean: 0.2, lo: 0.2, hi: 0.2, n: 2 },
      { label: "wgan-gp · trial 3", step: 30, mean: 0.1, lo: 0.05, hi: 0.15, n: 2 },
    ]);
  });

  it("gives 12 distinct loss colours, each with contrast of at least 3:1 on white", () => {
    // WCAG relative luminance (sRGB), as the browser test's contrast check computes it.
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    expect(new Set(LOSS_COLOURS).size).toBe(12);
    for (const c of LOSS_COLOURS) expect(1.05 / (lum(c) + 0.05), c).toBeGreaterThanOrEqual(3);
    expect(1.05 / (lum("#0072b2") + 0.05)).toBeCloseTo(5.19, 2); // a hand-checked value of the formula
  });
});
