import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FileStorage } from "@gantry/core";
import { defaultStorageUrl, openStorage, resolveStorageUrl } from "./open-storage.ts";
import { S3Storage } from "./s3/s3-storage.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("openStorage", () => {
  it("opens absolute and cwd-relative file:// urls", () => {
    const abs = openStorage("file:///var/tmp/gantry");
    expect(abs).toBeInstanceOf(FileStorage);
    expect(abs.url).toBe("file:///var/tmp/gantry");
    expect(openStorage("file://./data/x").url).toBe(`file://${path.resolve(process.cwd(), "data/x")}`);
  });

  it("opens s3:// urls with and without a prefix, loading the S3 backend only on first use", async () => {
    const s = openStorage("s3://my-bucket/team/gantry/", { region: "eu-west-1" });
    expect(s).not.toBeInstanceOf(S3Storage);
    expect(s.url).toBe("s3://my-bucket/team/gantry/");
    expect(openStorage("s3://my-bucket").url).toBe("s3://my-bucket/");
    expect(openStorage("s3://my-bucket/p").url).toBe("s3://my-bucket/p/");
  });

  it("rejects unsupported schemes, bad buckets and bad prefixes with the url in the message", () => {
    expect(() => openStorage("http://x/y")).toThrow(/"http:\/\/x\/y" is not supported/);
    expect(() => openStorage("/plain/path")).toThrow(/not supported/);
    expect(() => openStorage("file://")).toThrow(/no directory/);
    expect(() => openStorage("s3://Bad_Bucket/p")).toThrow(/"Bad_Bucket" is not a valid S3 bucket/);
    expect(() => openStorage("s3://ok-bucket/a/../b")).toThrow(/a\/\.\.\/b/);
  });

  it("configures the S3 client from options, then env, then defaults", async () => {
    vi.stubEnv("AWS_REGION", "ap-south-1");
    vi.stubEnv("GANTRY_S3_ENDPOINT", "http://127.0.0.1:9000");
    vi.stubEnv("GANTRY_S3_FORCE_PATH_STYLE", "false");
    const fromEnv = new S3Storage("b-1", "p");
    expect(await fromEnv.client.config.region()).toBe("ap-south-1");
    expect((await fromEnv.client.config.endpoint?.())?.hostname).toBe("127.0.0.1");
    expect(fromEnv.client.config.forcePathStyle).toBe(false);
    const fromOpts = new S3Storage("b-1", "p", { region: "us-west-2", forcePathStyle: true });
    expect(await fromOpts.client.config.region()).toBe("us-west-2");
    expect(fromOpts.client.config.forcePathStyle).toBe(true);
    vi.stubEnv("AWS_REGION", "");
    vi.stubEnv("GANTRY_S3_ENDPOINT", "");
    vi.stubEnv("GANTRY_S3_FORCE_PATH_STYLE", "");
    const plain = new S3Storage("b-1", "p");
    expect(await plain.client.config.region()).toBe("us-east-1");
    expect(plain.client.config.forcePathStyle).toBe(false);
    vi.stubEnv("GANTRY_S3_FORCE_PATH_STYLE", "maybe");
    expect(() => new S3Storage("b-1", "p")).toThrow(/GANTRY_S3_FORCE_PATH_STYLE="maybe"/);
    // Through openStorage the same misconfiguration surfaces at the first I/O, naming the variable.
    await expect(openStorage("s3://b-1/p").head("k")).rejects.toThrow(/GANTRY_S3_FORCE_PATH_STYLE="maybe"/);
  });
});

describe("resolveStorageUrl", () => {
  it("makes a relative file:// url absolute against the base (default: the working directory)", () => {
    expect(resolveStorageUrl("file://./runs", "/srv/app")).toBe("file:///srv/app/runs");
    expect(resolveStorageUrl("file://../up/x", "/srv/app")).toBe("file:///srv/up/x");
    expect(resolveStorageUrl("file://runs")).toBe(`file://${path.resolve(process.cwd(), "runs")}`);
  });

  it("leaves absolute file urls and s3 urls alone, and refuses an empty directory", () => {
    expect(resolveStorageUrl("file:///var/gantry", "/srv/app")).toBe("file:///var/gantry");
    expect(resolveStorageUrl("s3://bkt/p", "/srv/app")).toBe("s3://bkt/p");
    expect(() => resolveStorageUrl("file://")).toThrow(/has no directory/);
  });
});

describe("defaultStorageUrl", () => {
  it("defaults to ./.gantry under the current directory", () => {
    vi.stubEnv("GANTRY_STORAGE", "");
    expect(defaultStorageUrl()).toBe(`file://${path.resolve(process.cwd(), ".gantry")}`);
  });

  it("uses GANTRY_STORAGE, making relative file urls absolute", () => {
    vi.stubEnv("GANTRY_STORAGE", "s3://bkt/runs");
    expect(defaultStorageUrl()).toBe("s3://bkt/runs");
    vi.stubEnv("GANTRY_STORAGE", "file://rel/dir");
    expect(defaultStorageUrl()).toBe(`file://${path.resolve(process.cwd(), "rel/dir")}`);
  });
});
