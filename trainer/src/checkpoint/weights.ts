import { createHash } from "node:crypto";
import { CheckpointError, groupOf, type TensorMap, type WeightGroup } from "./format.ts";

// Float32Array bytes are host-endian; the format is little-endian, which every platform Node supports in practice.
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/** Hex sha256 of bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function elements(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Splits named tensors into groups (first name segment) and packs each group into one `<group>.weights.bin`
 * buffer. Groups and the tensors inside them are sorted by name so the bytes do not depend on insertion order.
 */
export function encodeWeights(tensors: TensorMap): { groups: WeightGroup[]; files: Map<string, Uint8Array> } {
  if (!LITTLE_ENDIAN) throw new Error("checkpoints require a little-endian host");
  const byGroup = new Map<string, string[]>();
  for (const name of Object.keys(tensors).sort()) {
    const g = groupOf(name);
    const list = byGroup.get(g) ?? [];
    list.push(name);
    byGroup.set(g, list);
  }
  const groups: WeightGroup[] = [];
  const files = new Map<string, Uint8Array>();
  for (const [group, names] of [...byGroup].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let total = 0;
    for (const name of names) {
      const t = tensors[name]!;
      if (t.data.length !== elements(t.shape)) {
        throw new Error(`tensor ${name}: ${t.data.length} values do not match shape [${t.shape.join(", ")}]`);
      }
      total += t.data.length;
    }
    const buf = new Float32Array(total);
    let offset = 0;
    for (const name of names) {
      buf.set(tensors[name]!.data, offset);
      offset += tensors[name]!.data.length;
    }
    const path = `${group}.weights.bin`;
    files.set(path, new Uint8Array(buf.buffer));
    groups.push({
      group,
      paths: [path],
      weights: names.map((name) => ({ name, shape: [...tensors[name]!.shape], dtype: "float32" as const })),
    });
  }
  return { groups, files };
}

/** Unpacks groups from their (already verified) file bytes; throws CheckpointError when sizes disagree. */
export function decodeWeights(groups: readonly WeightGroup[], files: ReadonlyMap<string, Uint8Array>): TensorMap {
  const out: TensorMap = {};
  for (const g of groups) {
    const path = g.paths[0];
    const bytes = files.get(path);
    if (!bytes) throw new CheckpointError("corrupt", `weights file ${path} of group ${g.group} is missing`);
    const expected = g.weights.reduce((s, w) => s + elements(w.shape), 0) * 4;
    if (bytes.byteLength !== expected) {
      const msg = `weights file ${path} has ${bytes.byteLength} bytes, specs need ${expected}`;
      throw new CheckpointError("corrupt", msg);
    }
    // Copy so the Float32Array is aligned and owns its memory, whatever buffer the storage returned.
    const all = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(all.buffer).set(bytes);
    let offset = 0;
    for (const w of g.weights) {
      if (w.dtype !== "float32") throw new CheckpointError("corrupt", `weight ${w.name}: unsupported dtype ${w.dtype}`);
      const n = elements(w.shape);
      out[w.name] = { shape: [...w.shape], data: all.slice(offset, offset + n) };
      offset += n;
    }
  }
  return out;
}
