/** bin/gantry.mjs under Ctrl-C, against a loopback server whose training never ends. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loopback, ok, type Loopback } from "../testing/loopback.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "gantry.mjs");
const TRAINING = {
  id: "t-1",
  status: "queued",
  config: { loss: { name: "ns" }, data: { name: "ring8" }, steps: 10 },
  progress: { step: 0, steps: 10, stepsPerSecond: 0, etaSeconds: null },
};
let server: Loopback;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "gantry-cli-int-"));
  writeFileSync(path.join(dir, "run.json"), JSON.stringify({ data: { name: "ring8" }, loss: { name: "ns" } }));
  server = await loopback((r, res) => {
    if (r.method === "POST") return ok(res, TRAINING);
    if (!r.url.endsWith("/events")) return ok(res, { ...TRAINING, status: "running" });
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write("retry: 1000\n\n"); // and nothing more: the training never ends
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it("exits 3 on SIGINT while waiting, saying the training keeps running", async () => {
  const child = spawn(process.execPath, [BIN, "train", "--config", "run.json", "--wait"], {
    cwd: dir,
    env: { ...process.env, GANTRY_URL: server.url, GANTRY_API_KEY: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let sent = false;
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
    if (/submitted t-1/.test(stderr) && !sent) {
      sent = true;
      setTimeout(() => child.kill("SIGINT"), 200);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(code, stderr).toBe(3);
  expect(stderr).toContain("interrupted; anything already submitted keeps running");
  expect(server.requests.filter((r) => r.url.endsWith("/events")).length).toBeGreaterThanOrEqual(1);
}, 30_000);
