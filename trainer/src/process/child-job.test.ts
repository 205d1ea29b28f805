import { describe, expect, it } from "vitest";
import { ChildJob, describeExit, tailLines } from "./child-job.ts";

/** A child running `code` with `node -e`. */
const node = (code: string) => new ChildJob({ script: "-e", args: [code] });

describe("ChildJob", () => {
  it("reports the exit code and the tail of stdout + stderr, once", async () => {
    const job = node('process.stdout.write("a\\n"); process.stderr.write("b\\n"); process.exit(4)');
    const exit = await job.exited;
    expect(exit).toEqual({ code: 4, signal: null, outputTail: expect.stringMatching(/a\n[\s\S]*b\n|b\n[\s\S]*a\n/) });
    expect(describeExit(exit)).toBe("code 4");
    expect(job.alive).toBe(false);
    expect(await job.terminate(10)).toBe(exit); // terminating an ended job changes nothing
  });

  it("keeps only the last 4 KiB of output", async () => {
    const exit = await node('process.stdout.write("x".repeat(10000) + "END")').exited;
    expect(exit.outputTail.length).toBe(4096);
    expect(exit.outputTail.endsWith("END")).toBe(true);
  });

  it("SIGTERM lets a job exit on its own terms", async () => {
    const job = node('process.on("SIGTERM", () => process.exit(3)); console.log("ready"); setInterval(() => {}, 1000)');
    await new Promise<void>((r) => job.child.stdout!.once("data", () => r()));
    expect((await job.terminate(5000)).code).toBe(3);
  });

  it("SIGKILL after the grace period when SIGTERM is ignored", async () => {
    const job = node('process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)');
    await new Promise<void>((r) => job.child.stdout!.once("data", () => r()));
    const t0 = Date.now();
    const exit = await job.terminate(200);
    expect(exit).toMatchObject({ code: null, signal: "SIGKILL" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it("a spawn failure is an exit with the reason in the tail", async () => {
    const job = new ChildJob({ script: "x.mjs", args: [], cwd: "/nonexistent-dir-for-test" });
    const exit = await job.exited;
    expect(exit.code).toBeNull();
    expect(tailLines(exit)).toMatch(/spawn failed: .*ENOENT/);
  });
});
