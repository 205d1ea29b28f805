// One test setup for every package: see ../vitest.shared.ts.
export { default } from "../vitest.shared.ts";
