/**
 * Static descriptions of the built-in datasets, so that listing them (the API's GET /v1/datasets) opens nothing:
 * opening Fashion-MNIST scans ~150 MB of JSON and keeps ~100 MB cached. The values are what openDataset({ name })
 * reports (default split "train", no class filter); builtin-info.test.ts checks that they agree.
 */
import { FASHION_DESCRIPTION, FASHION_SIZES } from "./fashion.ts";
import { MNIST_DESCRIPTION, MNIST_SIZES, imageInfo } from "./mnist.ts";
import { TOY_NAMES, toyInfo } from "./toys.ts";
import type { DatasetInfo } from "./types.ts";

/** Deep-frozen, so no consumer can alter the catalogue for everyone else in the process. */
function frozen(info: DatasetInfo): DatasetInfo {
  Object.freeze(info.sampleShape);
  Object.freeze(info.range);
  return Object.freeze(info);
}

/** DatasetInfo of every built-in dataset by name, in BUILTIN_DATASETS order (toys, mnist, fashion-mnist). */
export const BUILTIN_DATASET_INFO: Readonly<Record<string, DatasetInfo>> = Object.freeze(
  Object.fromEntries([
    ...TOY_NAMES.map((name) => [name, frozen(toyInfo(name))] as const),
    ["mnist", frozen({ ...imageInfo("mnist", MNIST_DESCRIPTION), size: MNIST_SIZES.train })],
    ["fashion-mnist", frozen({ ...imageInfo("fashion-mnist", FASHION_DESCRIPTION), size: FASHION_SIZES.train })],
  ]),
);
