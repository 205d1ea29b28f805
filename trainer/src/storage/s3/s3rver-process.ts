import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** A running s3rver child process with one bucket, reachable at `endpoint`. */
export interface S3rverHandle {
  endpoint: string;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./s3rver-child.mjs", import.meta.url));

/**
 * Starts s3rver on 127.0.0.1 with an OS-chosen port, storing data in `directory`, with `bucket`
 * created (on `port` when given: outage tests restart it where clients expect it). Test-only helper; see
 * s3rver-child.mjs for why it runs in a separate process.
 */
export async function startS3rver(directory: string, bucket: string, timeoutMs = 20_000, fixedPort = 0): Promise<S3rverHandle> {
  const child = spawn(process.execPath, ["--openssl-legacy-provider", CHILD, directory, bucket, String(fixedPort)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`s3rver did not start within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n")[0];
      if (line === undefined || !buffered.includes("\n")) return;
      clearTimeout(timer);
      const parsed = JSON.parse(line) as { port?: unknown };
      if (typeof parsed.port === "number") resolve(parsed.port);
      else reject(new Error(`s3rver reported no port: ${line}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited early with code ${code}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.stdin.end();
      await exited;
    },
  };
}
