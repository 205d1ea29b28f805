import { createRequire } from "node:module";

/**
 * cdk-nag, loaded through require: it is CommonJS built by jsii, whose `export *` re-exports Node's ESM loader
 * cannot see as named exports.
 */
export const nag = createRequire(import.meta.url)("cdk-nag") as typeof import("cdk-nag");
