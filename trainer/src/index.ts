/** @gantry/trainer public API: a flat list of re-exports, one line per module (the contracts: @gantry/core). */
export * from "./losses/index.ts";
export * from "./models/index.ts";
export * from "./engine/index.ts";
