import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { buildLeNet, type NamedWeights } from "./lenet.ts";
import { readEvaluatorFiles, writeEvaluatorFiles } from "./store.ts";
import { encodeWeights, sha256Hex } from "./weights-file.ts";

/** Byte-wise equality (vitest's deep equality is slow on 200 000-element typed arrays). */
function sameBits(a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean {
  const view = (x: Float32Array | Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  return a.constructor === b.constructor && view(a).equals(view(b));
}

describe("evaluator files", () => {
  let dir: string;
  let weights: NamedWeights[];
  const d = 128;
  const reference = {
    mean: Float64Array.from({ length: d }, (_, i) => i / 7),
    cov: Float64Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 2 : 1e-3 * Math.sin(i))),
    dim: d,
    n: 10_000,
  };

  beforeAll(async () => {
    await initBackend("wasm");
    dir = mkdtempSync(join(tmpdir(), "gantry-evaluator-"));
    const before = tf.memory().numTensors;
    const net = buildLeNet(9);
    weights = net.exportWeights();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
    writeEvaluatorFiles(dir, "mnist", weights, reference, { testAccuracy: 0.5 });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips weights and reference stats bit for bit, with checksums of the files on disk", () => {
    const files = readEvaluatorFiles(dir);
    expect(files.spec.version).toBe("mnist-lenet-v1");
    expect(files.spec.weights.sha256).toBe(sha256Hex(new Uint8Array(readFileSync(join(dir, "weights.bin")))));
    // 206 922 float32 values.
    expect(files.spec.weights.bytes).toBe(206_922 * 4);
    expect(files.weights.map((w) => w.name)).toEqual(weights.map((w) => w.name));
    files.weights.forEach((w, i) => expect(sameBits(w.values, weights[i]!.values)).toBe(true));
    expect(sameBits(files.reference!.mean, reference.mean)).toBe(true);
    expect(sameBits(files.reference!.cov, reference.cov)).toBe(true);
    expect(files.reference!.n).toBe(10_000);
    expect(files.spec.training["testAccuracy"]).toBe(0.5);
  });

  it("stores float32 little-endian in spec order", () => {
    const bytes = encodeWeights([{ name: "a", shape: [2], values: Float32Array.of(1, -2.5) }]);
    // 1.0f = 0x3f800000, −2.5f = 0xc0200000, least significant byte first.
    expect([...bytes]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0]);
  });

  it("rejects a tampered, truncated or missing weights file and a malformed spec, naming the file", () => {
    const path = join(dir, "weights.bin");
    const original = new Uint8Array(readFileSync(path));
    try {
      const tampered = original.slice();
      tampered[1234] = tampered[1234]! ^ 0x01;
      writeFileSync(path, tampered);
      expect(() => readEvaluatorFiles(dir)).toThrow(/weights\.bin: sha256 checksum mismatch/);
      writeFileSync(path, original.subarray(0, original.length - 4));
      expect(() => readEvaluatorFiles(dir)).toThrow(/size 827684 bytes does not match the recorded 827688/);
      rmSync(path);
      expect(() => readEvaluatorFiles(dir)).toThrow(/weights\.bin cannot be read/);
    } finally {
      writeFileSync(path, original);
    }
    expect(() => readEvaluatorFiles(dir)).not.toThrow();

    const specPath = join(dir, "lenet.json");
    const spec = readFileSync(specPath, "utf8");
    try {
      writeFileSync(specPath, spec.replace('"float32"', '"float16"'));
      expect(() => readEvaluatorFiles(dir)).toThrow(/lenet\.json: invalid evaluator spec/);
      writeFileSync(specPath, "{");
      expect(() => readEvaluatorFiles(dir)).toThrow(/lenet\.json: not valid JSON/);
    } finally {
      writeFileSync(specPath, spec);
    }
  });

  it("rejects tampered reference stats", () => {
    const path = join(dir, "reference.bin");
    const original = new Uint8Array(readFileSync(path));
    try {
      const tampered = original.slice();
      tampered[0] = tampered[0]! ^ 0x80;
      writeFileSync(path, tampered);
      expect(() => readEvaluatorFiles(dir)).toThrow(/reference\.bin: sha256 checksum mismatch/);
    } finally {
      writeFileSync(path, original);
    }
  });
});
