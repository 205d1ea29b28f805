/**
 * Backend selection: GANTRY_BACKEND parsing, the missing-native-package error, auto fallback,
 * idempotence and switching with live tensors. The TensorFlow packages are not installed in this
 * repository (by design), so "tensorflow" must fail with install instructions and "auto" must
 * land on native where the oneDNN addon was built, else on wasm with the reason in its detail.
 */
import * as tf from "@tensorflow/tfjs-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectNoLeak } from "./grad-check.ts";
import { initBackend, listBackends } from "./index.ts";
import { loadNativeAddon, resetNativeAddon } from "./native-addon.ts";
import { probeNative, resetNativeProbe, resolveRequest } from "./select.ts";

const nativeBuilt = loadNativeAddon().addon !== undefined;

afterEach(() => {
  vi.unstubAllEnvs();
  resetNativeAddon();
});

describe("resolveRequest", () => {
  it("uses the argument, else GANTRY_BACKEND, else auto", () => {
    expect(resolveRequest("cpu", { GANTRY_BACKEND: "wasm" })).toBe("cpu");
    expect(resolveRequest(undefined, { GANTRY_BACKEND: " WASM " })).toBe("wasm");
    expect(resolveRequest(undefined, { GANTRY_BACKEND: "" })).toBe("auto");
    expect(resolveRequest(undefined, {})).toBe("auto");
  });

  it("rejects an invalid GANTRY_BACKEND naming the variable and the valid values", () => {
    expect(() => resolveRequest(undefined, { GANTRY_BACKEND: "foo" })).toThrow(
      /Invalid backend "foo" \(from environment variable GANTRY_BACKEND\).*auto, native, wasm, cpu, tensorflow/,
    );
    expect(() => resolveRequest("gpu")).toThrow(/Invalid backend "gpu" \(from initBackend\(\) argument\).*GANTRY_BACKEND/);
  });
});

describe("probeNative", () => {
  it("reports a native package that is present, and a broken one with its error", async () => {
    resetNativeProbe();
    const loaded = await probeNative(async (pkg) => {
      if (pkg === "@tensorflow/tfjs-node-gpu") throw Object.assign(new Error(`Cannot find package '${pkg}'`), { code: "ERR_MODULE_NOT_FOUND" });
      throw new Error("libtensorflow.so: cannot open shared object file");
    });
    expect(loaded.pkg).toBeNull();
    expect(loaded.failures).toEqual([
      "@tensorflow/tfjs-node-gpu: not installed",
      "@tensorflow/tfjs-node: libtensorflow.so: cannot open shared object file",
    ]);
    resetNativeProbe();
    expect((await probeNative(async () => undefined)).pkg).toBe("@tensorflow/tfjs-node-gpu");
    resetNativeProbe();
  });
});

describe("initBackend", () => {
  it("env GANTRY_BACKEND=foo rejects before touching tfjs", async () => {
    vi.stubEnv("GANTRY_BACKEND", "foo");
    await expect(initBackend()).rejects.toThrow(/GANTRY_BACKEND.*auto, native, wasm, cpu, tensorflow/);
  });

  it("tensorflow without the native package explains how to install it", async () => {
    await expect(initBackend("tensorflow")).rejects.toThrow(
      /npm install @tensorflow\/tfjs-node-gpu.*GPU container.*npm install @tensorflow\/tfjs-node.*native CPU/,
    );
  });

  it("auto picks native where it was built, else wasm, and describes it", async () => {
    const info = await initBackend("auto");
    if (nativeBuilt) {
      expect(info).toEqual({ name: "native", requested: "auto", detail: expect.stringMatching(/^native \(oneDNN \d+\.\d+\.\d+, \d+ threads?/) });
    } else {
      expect(info).toEqual({
        name: "wasm",
        requested: "auto",
        detail: expect.stringMatching(/^wasm (simd|no simd), \d+ threads?.*; native kernels not built/),
      });
    }
    expect(tf.getBackend()).toBe(info.name);
  });

  it("with native switched off, auto says why in wasm's detail and an explicit native request fails naming it", async () => {
    vi.stubEnv("GANTRY_NATIVE", "0");
    resetNativeAddon();
    const info = await initBackend("auto");
    expect(info.name).toBe("wasm");
    expect(info.detail).toMatch(/; native kernels disabled by GANTRY_NATIVE=0$/);
    await expect(initBackend("native")).rejects.toThrow(/Backend "native" is unavailable: disabled by GANTRY_NATIVE=0/);
  });

  it("defaults to GANTRY_BACKEND, is idempotent, and switching keeps tensor values", async () => {
    vi.stubEnv("GANTRY_BACKEND", "cpu");
    expect((await initBackend()).name).toBe("cpu");
    const t = tf.tensor1d([1.5, -2]);
    const before = tf.memory().numTensors;
    try {
      expect(await initBackend("cpu")).toEqual({ name: "cpu", requested: "cpu", detail: "cpu (plain JavaScript kernels)" });
      expect((await initBackend("wasm")).name).toBe("wasm");
      expect(tf.tidy(() => Array.from(tf.mul(t, 2).dataSync()))).toEqual([3, -4]);
      expect((await initBackend("cpu")).name).toBe("cpu");
      expect(Array.from(t.dataSync())).toEqual([1.5, -2]);
      // Buffers move between backends with their tensors, so only the engine count is stable here.
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      t.dispose();
    }
  });

  it("makes gradients available (tfjs-core alone registers none)", async () => {
    await initBackend("wasm");
    await expectNoLeak(() => {
      const g = tf.tidy(
        () =>
          tf
            .grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([3]))
            .dataSync()[0],
      );
      expect(g).toBe(6);
    });
  });

  it("listBackends reports tensorflow as unavailable with the install hint", async () => {
    const list = await listBackends();
    expect(list.map((b) => [b.name, b.available])).toEqual([
      ["tensorflow", false],
      ["native", nativeBuilt],
      ["wasm", true],
      ["cpu", true],
    ]);
    expect(list[0]!.detail).toMatch(/npm install @tensorflow\/tfjs-node-gpu/);
  });
});
