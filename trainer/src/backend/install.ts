/** One-time installation of the gradients and wasm kernel replacements. */
import "@tensorflow/tfjs-backend-cpu";
// Importing the wasm package registers its stock kernels; the replacements below wrap them.
import "@tensorflow/tfjs-backend-wasm";
import { registerAllGradients } from "./grads.ts";
import { installWasmConvBackpropFilter } from "./wasm-conv-filter.ts";
import { installWasmConvBackpropInput } from "./wasm-conv-input.ts";
import { installWasmEltwise } from "./wasm-eltwise.ts";
import { installWasmFixes } from "./wasm-fixes.ts";
import { installWasmIdentity } from "./wasm-identity.ts";
import { installWasmLayoutKernels } from "./wasm-layout.ts";
import { installWasmMatMul } from "./wasm-matmul.ts";
import { installWasmReductions } from "./wasm-reduce.ts";
import { installWasmSlice } from "./wasm-slice.ts";
import { installWasmTranspose } from "./wasm-transpose.ts";

let installed = false;

/**
 * Registers all gradients (global, every backend) and the wasm kernel replacements. Safe to
 * call any number of times; only the first call does work.
 */
export function installBackendExtensions(): void {
  if (installed) return;
  registerAllGradients();
  installWasmMatMul();
  installWasmConvBackpropInput();
  installWasmConvBackpropFilter();
  installWasmIdentity();
  installWasmFixes();
  installWasmLayoutKernels();
  installWasmReductions();
  installWasmSlice();
  installWasmEltwise();
  installWasmTranspose();
  installed = true;
}
