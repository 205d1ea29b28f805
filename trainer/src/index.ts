/** @gantry/trainer public API: a flat list of re-exports, one line per module. */
export * from "./config.ts";
export * from "./losses/index.ts";
export * from "./models/index.ts";
export * from "./engine/index.ts";
export type { Arch, ResolvedModelConfig, ResolvedOptimizer, ResolvedTrainingConfig } from "@gantry/core";
