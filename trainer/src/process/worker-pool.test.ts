import { describe, expect, it } from "vitest";
import { WorkerPool, type TaskOutcome } from "./worker-pool.ts";

/** A task the test ends by hand. */
function gate() {
  let open!: (o: TaskOutcome) => void;
  const p = new Promise<TaskOutcome>((r) => (open = r));
  return { p, open };
}

describe("WorkerPool", () => {
  it("runs at most `workers` at once, first in first out, and never an id twice", async () => {
    const gates = new Map<string, ReturnType<typeof gate>>();
    const started: string[] = [];
    const pool = new WorkerPool({
      workers: 2,
      run: (id) => {
        started.push(id);
        const g = gate();
        gates.set(id, g);
        return g.p;
      },
    });
    for (const id of ["a", "b", "c", "a", "d"]) pool.enqueue(id);
    expect(started).toEqual(["a", "b"]);
    expect([pool.running, pool.queued]).toEqual([2, 2]);
    expect(pool.dequeue("d")).toBe(true);
    expect(pool.dequeue("a")).toBe(false); // running, not queued
    gates.get("b")!.open("done");
    await pool.task("b");
    await Promise.resolve();
    expect(started).toEqual(["a", "b", "c"]);
    gates.get("a")!.open("again"); // goes to the back of the queue
    await pool.task("a");
    await Promise.resolve();
    expect(started).toEqual(["a", "b", "c", "a"]);
    gates.get("c")!.open("done");
    gates.get("a")!.open("done");
    await pool.idle();
    expect([pool.running, pool.queued, pool.finished]).toEqual([0, 0, 4]);
  });

  it("a failing task counts as done and is reported; stop drops the queue and waits for running tasks", async () => {
    const errors: string[] = [];
    const g = gate();
    const pool = new WorkerPool({
      workers: 1,
      run: async (id) => {
        if (id === "bad") throw new Error("boom");
        return g.p;
      },
      onError: (id, err) => errors.push(`${id}: ${(err as Error).message}`),
    });
    pool.enqueue("bad");
    pool.enqueue("slow");
    pool.enqueue("never");
    await pool.task("bad");
    expect(errors).toEqual(["bad: boom"]);
    await Promise.resolve();
    expect(pool.isRunning("slow")).toBe(true);
    let stopped = false;
    const stopping = pool.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    expect(pool.queued).toBe(0);
    g.open("again"); // not re-queued once stopped
    await stopping;
    expect([pool.running, pool.queued]).toEqual([0, 0]);
    pool.enqueue("after-stop");
    expect(pool.running).toBe(0);
  });

  it("shares the cores among the children unless the environment names a count", () => {
    const pool = new WorkerPool({ workers: 4, run: async () => "done" });
    expect(pool.threadsPerChild({ GANTRY_WASM_THREADS: "3" })).toBe("3");
    expect(Number(pool.threadsPerChild({}))).toBeGreaterThanOrEqual(1);
  });
});
