import { describe, expect, it } from "vitest";
import type { JobEvent } from "@gantry/core";
import { HELP, UsageError, parseCliArgs, setPath } from "./args.ts";
import { createProgressReporter, formatDuration } from "./progress.ts";

describe("parseCliArgs", () => {
  it("maps flags to config paths in command-line order, parsing JSON values", () => {
    const a = parseCliArgs([
      "--config",
      "run.json",
      "--steps",
      "300",
      "--set",
      "model.gHidden=[64,64]",
      "--data",
      "ring8",
      "--set",
      "steps=400",
      "--storage",
      "s3://b/p",
      "--backend",
      "cpu",
      "--id",
      "abc",
      "--name",
      "2024",
    ]);
    expect(a.configPath).toBe("run.json");
    expect(a.storage).toBe("s3://b/p");
    expect(a.backend).toBe("cpu");
    expect(a.id).toBe("abc");
    expect(a.overrides).toEqual([
      ["steps", 300],
      ["model.gHidden", [64, 64]],
      ["data.name", "ring8"],
      ["steps", 400],
      ["name", "2024"],
    ]);
  });

  it("rejects unknown flags, malformed --set and conflicting ids", () => {
    expect(() => parseCliArgs(["--stepz", "3"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--set", "steps"])).toThrow(/--set expects <path>=<value>/);
    expect(() => parseCliArgs(["--id", "a", "--resume", "b"])).toThrow(/name different trainings/);
  });

  it("documents every flag in --help", () => {
    for (const flag of ["--config", "--storage", "--id", "--resume", "--backend", "--steps", "--seed", "--set"]) {
      expect(HELP).toContain(flag);
    }
    expect(HELP).toMatch(/3 interrupted/);
  });
});

describe("setPath", () => {
  it("creates intermediate objects and refuses prototype keys", () => {
    const o: Record<string, unknown> = { model: { zDim: 2 } };
    setPath(o, "model.gHidden", [8]);
    setPath(o, "loss.name", "hinge");
    expect(o).toEqual({ model: { zDim: 2, gHidden: [8] }, loss: { name: "hinge" } });
    expect(() => setPath(o, "__proto__.x", 1)).toThrow(/invalid config path/);
  });
});

describe("progress reporter", () => {
  const ev = (id: number, type: JobEvent["type"], data: Record<string, unknown>): JobEvent => ({
    id,
    type,
    data,
    time: "",
  });

  it("formats durations", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(65.4)).toBe("1:05");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(null)).toBe("--:--");
  });

  it("redraws one bar line on a TTY", () => {
    let out = "";
    const r = createProgressReporter({ write: (t) => (out += t), tty: true, columns: 80 });
    r.onEvent(ev(1, "metric", { step: 50, dLoss: 1.25, gLoss: 0.5 }));
    r.onEvent(ev(2, "progress", { step: 50, steps: 100, stepsPerSecond: 25, etaSeconds: 2 }));
    r.finish();
    const lines = out.split("\r").filter(Boolean);
    expect(lines[lines.length - 1]).toMatch(/^\[#{12}\.{12}\] 50\/100 {2}25\.0 steps\/s {2}ETA 0:02 {2}D 1\.2500 {2}G 0\.5000 *\n$/);
  });

  it("prints throttled plain lines when not a TTY, always the last step", () => {
    const lines: string[] = [];
    let t = 0;
    const r = createProgressReporter({ write: (s) => lines.push(s), tty: false, intervalMs: 1000, now: () => t });
    for (let step = 10; step <= 100; step += 10) {
      t += 300;
      r.onEvent(ev(step, "progress", { step, steps: 100, stepsPerSecond: 10, etaSeconds: 1 }));
    }
    // Printed at t=300 (first), 1500, 2700 and the final step.
    expect(lines.map((l) => l.split(" ")[1])).toEqual(["10/100", "50/100", "90/100", "100/100"]);
  });
});
