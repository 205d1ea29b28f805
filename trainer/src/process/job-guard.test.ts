import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { guardJob } from "./job-guard.ts";

/** A guard on a fake signal source and clock; records what it asked for. */
function guarded(repeatMs?: number) {
  const signals = new EventEmitter();
  let t = 1_000;
  const calls: string[] = [];
  const unguard = guardJob({
    signals,
    watchParent: false,
    now: () => t,
    stop: (why) => calls.push(`stop:${why}`),
    exitNow: () => calls.push("exit-now"),
    ...(repeatMs !== undefined ? { repeatMs } : {}),
  });
  return { signals, calls, unguard, advance: (ms: number) => (t += ms) };
}

describe("guardJob signals", () => {
  it("stops once on the first signal; a repeat inside the window (one Ctrl-C seen twice via npx) is ignored", () => {
    const g = guarded();
    g.signals.emit("SIGINT");
    g.advance(5);
    g.signals.emit("SIGINT");
    g.advance(990);
    g.signals.emit("SIGTERM");
    expect(g.calls).toEqual(["stop:signal"]);
    g.unguard();
  });

  it("a signal at or after the window exits at once", () => {
    const g = guarded(200);
    g.signals.emit("SIGTERM");
    g.advance(199);
    g.signals.emit("SIGTERM");
    expect(g.calls).toEqual(["stop:signal"]);
    g.advance(1);
    g.signals.emit("SIGINT");
    expect(g.calls).toEqual(["stop:signal", "exit-now"]);
    g.unguard();
  });

  it("removes its handlers", () => {
    const g = guarded();
    g.unguard();
    expect(g.signals.listenerCount("SIGINT") + g.signals.listenerCount("SIGTERM")).toBe(0);
    g.signals.emit("SIGINT");
    expect(g.calls).toEqual([]);
  });
});
