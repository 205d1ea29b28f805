import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveStorageUrl } from "@gantry/trainer/storage";
import { EnvError, isLoopback, loadEnv } from "./env.ts";

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("loadEnv", () => {
  it("applies defaults: loopback:8787, ./.gantry under the working directory, open auth", () => {
    const c = loadEnv({});
    expect(c).toMatchObject({ host: "127.0.0.1", port: 8787, storageUrl: `file://${path.join(process.cwd(), ".gantry")}`, apiKeys: [] });
    expect(c.rateLimit).toEqual({ ratePerSecond: 20, burst: 40 });
    expect(c.workers).toBeGreaterThanOrEqual(1);
  });

  it("parses keys, limits and an absolute storage url", () => {
    const c = loadEnv({
      GANTRY_API_KEYS: "alpha-secret:sample,train; beta-secret:sample",
      GANTRY_PORT: "9000",
      GANTRY_RATE_LIMIT_RPS: "0",
      GANTRY_STORAGE: "s3://bucket/prefix",
      GANTRY_WORKERS: "3",
    });
    expect(c.apiKeys.map((k) => [...k.scopes])).toEqual([["sample", "train"], ["sample"]]);
    expect(c.apiKeys[0]!.keyId).toMatch(/^key-[0-9a-f]{8}$/);
    expect(c).toMatchObject({ port: 9000, rateLimit: null, storageUrl: "s3://bucket/prefix", workers: 3 });
  });

  it("resolves a relative file:// storage against the working directory, by the trainer's one rule", () => {
    const c = loadEnv({ GANTRY_STORAGE: "file://rel/store" });
    expect(c.storageUrl).toBe(`file://${path.resolve(process.cwd(), "rel", "store")}`);
    expect(c.storageUrl).toBe(resolveStorageUrl("file://rel/store"));
    expect(loadEnv({ GANTRY_STORAGE: "file:///abs/store" }).storageUrl).toBe("file:///abs/store");
  });

  it.each([
    [{ GANTRY_PORT: "80000" }, /GANTRY_PORT/],
    [{ GANTRY_PORT: "abc" }, /GANTRY_PORT/],
    [{ GANTRY_WORKERS: "0" }, /GANTRY_WORKERS/],
    [{ GANTRY_STORAGE: "ftp://x" }, /GANTRY_STORAGE/],
    [{ GANTRY_API_KEYS: "short:train" }, /GANTRY_API_KEYS: entry 1/],
    [{ GANTRY_API_KEYS: "long-enough-key:admin" }, /GANTRY_API_KEYS: entry 1: unknown scope "admin"/],
  ])("rejects %o naming the variable", (env, message) => {
    expect(() => loadEnv(env)).toThrow(EnvError);
    expect(() => loadEnv(env)).toThrow(message);
  });

  it("knows loopback addresses", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "::1"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "::"].some(isLoopback)).toBe(false);
  });
});

describe("server start-up checks", () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: API_DIR,
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("exits with a message naming a bad variable", () => {
    const r = start({ GANTRY_PORT: "not-a-port" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/gantry-api: invalid configuration: GANTRY_PORT/);
  }, 60_000);

  it("refuses a non-loopback address without API keys", () => {
    const r = start({ GANTRY_HOST: "0.0.0.0", GANTRY_API_KEYS: "" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/GANTRY_API_KEYS: required when binding to the non-loopback address 0\.0\.0\.0/);
  }, 60_000);
});
