/**
 * Which backend a request means: parsing `GANTRY_BACKEND` / the argument, and probing for the
 * optional native TensorFlow bindings without making them a dependency.
 */

/**
 * What a caller may ask for. `auto` = TensorFlow when its bindings are installed, else Gantry's
 * oneDNN kernels (`native`) when they were built, else wasm.
 */
export type BackendRequest = "auto" | "native" | "wasm" | "cpu" | "tensorflow";
/** The backend actually running. */
export type BackendName = "native" | "wasm" | "cpu" | "tensorflow";

export const BACKEND_REQUESTS: readonly BackendRequest[] = ["auto", "native", "wasm", "cpu", "tensorflow"];

/** Native bindings, in order of preference. Never listed in any package.json. */
export const NATIVE_PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"] as const;

export const NATIVE_INSTALL_HINT =
  "install it next to the trainer: `npm install @tensorflow/tfjs-node-gpu` inside the GPU container " +
  "(CUDA), or `npm install @tensorflow/tfjs-node` for native CPU kernels";

/**
 * Resolves the request from the argument, else env GANTRY_BACKEND, else "auto".
 * @throws Error naming the source (GANTRY_BACKEND or the argument) and the valid values.
 */
export function resolveRequest(requested?: string, env: NodeJS.ProcessEnv = process.env): BackendRequest {
  const fromArg = requested !== undefined;
  const raw = fromArg ? requested : env["GANTRY_BACKEND"];
  if (raw === undefined || raw.trim() === "") return "auto";
  const value = raw.trim().toLowerCase();
  if ((BACKEND_REQUESTS as readonly string[]).includes(value)) return value as BackendRequest;
  const source = fromArg ? "initBackend() argument" : "environment variable GANTRY_BACKEND";
  throw new Error(`Invalid backend "${raw}" (from ${source}): GANTRY_BACKEND and initBackend() accept one of ` + `${BACKEND_REQUESTS.join(", ")}.`);
}

/** Outcome of looking for the native bindings. */
export interface NativeProbe {
  /** The package that loaded, or null. */
  readonly pkg: (typeof NATIVE_PACKAGES)[number] | null;
  /** Why each candidate failed (not-installed candidates are listed as such). */
  readonly failures: readonly string[];
}

let probe: Promise<NativeProbe> | undefined;

/** Tries the native packages once per process; importing one registers the "tensorflow" backend. */
export function probeNative(importer: (pkg: string) => Promise<unknown> = importByName): Promise<NativeProbe> {
  probe ??= (async () => {
    const failures: string[] = [];
    for (const pkg of NATIVE_PACKAGES) {
      try {
        await importer(pkg);
        return { pkg, failures };
      } catch (err) {
        failures.push(isNotFound(err, pkg) ? `${pkg}: not installed` : `${pkg}: ${(err as Error).message}`);
      }
    }
    return { pkg: null, failures };
  })();
  return probe;
}

/** Test hook: forget the cached probe. */
export function resetNativeProbe(): void {
  probe = undefined;
}

// The specifier is a runtime value so neither TypeScript nor a bundler tries to resolve it.
async function importByName(pkg: string): Promise<unknown> {
  return import(pkg);
}

/** True when `pkg` itself is absent (not when it is installed but one of its own imports fails). */
function isNotFound(err: unknown, pkg: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const missing = e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND";
  return missing && String(e?.message ?? "").includes(`'${pkg}'`);
}
