// One test setup for every package: see ../vitest.shared.ts. core/ is its own workspace with its own test run.
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import shared from "../vitest.shared.ts";

export default mergeConfig(shared, defineConfig({ test: { exclude: [...configDefaults.exclude, "core/**"] } }));
