import { describe, expect, it } from "vitest";
import { ProgressReporter } from "./progress.ts";
import { formatNumber, formatTable } from "./table.ts";

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { out: { isTTY, write: (s: string) => chunks.push(s) }, chunks };
};
const p = (step: number, eta: number | null = 10) => ({ step, steps: 200, stepsPerSecond: 12.34, etaSeconds: eta });

describe("ProgressReporter", () => {
  it("logs one line per 10 % off a terminal", () => {
    const { out, chunks } = sink(false);
    let now = 0;
    const r = new ProgressReporter(out, "t-1", () => now);
    for (let s = 10; s <= 200; s += 10) r.update(p(s));
    expect(chunks).toHaveLength(11); // 5 %, then 10 %, 20 %, … 100 %
    expect(chunks[0]).toBe("t-1: step 10/200 (5%) 12.3 steps/s eta 10s\n");
    expect(chunks.at(-1)).toBe("t-1: step 200/200 (100%) 12.3 steps/s eta 10s\n");
    now = 31_000;
    r.update(p(200, null));
    expect(chunks.at(-1)).toContain("eta ?");
  });

  it("redraws a bar on a terminal and ends its line", () => {
    const { out, chunks } = sink(true);
    const r = new ProgressReporter(out, "t-1");
    r.update(p(100, 600));
    expect(chunks[0]).toBe(`\r\x1b[Kt-1 [${"#".repeat(14)}${".".repeat(14)}]  50% 100/200 12.3 steps/s eta 10m`);
    r.line("done");
    expect(chunks.slice(1)).toEqual(["\n", "done\n"]);
  });
});

describe("formatTable", () => {
  it("pads columns to the widest cell", () => {
    expect(
      formatTable(
        ["gate", "value"],
        [
          ["swd<0.5", "0.4"],
          ["m>=7", "8"],
        ],
      ),
    ).toBe("gate     value\n-------  -----\nswd<0.5  0.4\nm>=7     8\n");
  });
  it("formats numbers compactly", () => {
    expect([formatNumber(3), formatNumber(0.123456), formatNumber(2e-5), formatNumber(null)]).toEqual(["3", "0.1235", "2.000e-5", "-"]);
  });
});
