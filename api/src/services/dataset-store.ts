import { BUILTIN_DATASETS, BUILTIN_DATASET_INFO, type DatasetInfo, type EncodedUpload } from "@gantry/trainer/data";
import { datasetKeys, listIdsWithFile, type Storage } from "@gantry/trainer/storage";
import type { DatasetView } from "../schemas/dataset.ts";

/** datasets/<id>/meta.json of an upload. */
export interface UploadMeta {
  id: string;
  fileName: string;
  format: string;
  dtype: string;
  sampleShape: number[];
  count: number;
  /** Size of the stored data.npy. */
  bytes: number;
  createdAt: string;
}

/**
 * Descriptions of the built-in datasets from the trainer's static catalogue: listing them opens nothing (opening
 * Fashion-MNIST takes seconds and keeps ~100 MB in this process, which sampling-only deployments never need).
 */
export async function builtinCatalog(): Promise<DatasetInfo[]> {
  return BUILTIN_DATASETS.map((name) => {
    const info = BUILTIN_DATASET_INFO[name];
    if (!info) throw new Error(`built-in dataset ${name} has no catalogue entry`);
    return info;
  });
}

export function builtinView(info: DatasetInfo): DatasetView {
  return {
    id: info.id,
    name: info.id,
    builtin: true,
    kind: info.kind,
    sampleShape: info.sampleShape,
    size: info.size,
    description: info.description,
    upload: null,
  };
}

export function uploadView(m: UploadMeta): DatasetView {
  return {
    id: m.id,
    name: `upload:${m.id}`,
    builtin: false,
    kind: m.sampleShape.length === 3 ? "image" : "tabular",
    sampleShape: m.sampleShape,
    size: m.count,
    description: `uploaded ${m.fileName}: ${m.count} samples of shape [${m.sampleShape.join(", ")}]`,
    upload: { fileName: m.fileName, format: m.format, dtype: m.dtype, bytes: m.bytes, createdAt: m.createdAt },
  };
}

/** Ids of every upload, ascending (ids sort by creation time). */
export async function listUploadIds(storage: Storage): Promise<string[]> {
  return (await listIdsWithFile(storage, "datasets", "meta.json")).sort();
}

export async function readUpload(storage: Storage, id: string): Promise<UploadMeta | null> {
  return storage.getJson<UploadMeta>(datasetKeys(id).meta);
}

/** Stores a parsed upload (already encoded as normalised float32 .npy) as data.npy, then meta.json (which makes it visible). */
export async function storeUpload(storage: Storage, id: string, fileName: string, up: EncodedUpload): Promise<UploadMeta> {
  const keys = datasetKeys(id);
  const npy = up.npy;
  await storage.put(keys.data, npy, { contentType: "application/octet-stream" });
  const meta: UploadMeta = {
    id,
    fileName,
    format: up.source.format,
    dtype: up.source.dtype,
    sampleShape: up.sampleShape,
    count: up.count,
    bytes: npy.length,
    createdAt: new Date().toISOString(),
  };
  await storage.putJson(keys.meta, meta);
  return meta;
}
