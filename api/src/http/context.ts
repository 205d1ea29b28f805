import type { MiddlewareHandler } from "hono";

/** What an API key may do: `sample` = sampling and reading models; `train` = everything. */
export type Scope = "sample" | "train";
export const SCOPES: readonly Scope[] = ["sample", "train"];

/** The caller, as established by the authentication middleware. */
export interface Principal {
  /** Stable, non-secret key identifier for logs and rate limits ("anonymous" when the API runs open). */
  keyId: string;
  scopes: ReadonlySet<Scope>;
}

/** Hono environment shared by the app and every sub-app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** null when no valid key was presented (and keys are configured). */
    principal: Principal | null;
    /** Why the presented credentials were rejected, for the 401 detail. */
    authFailure: string | null;
  };
}

export type AppMiddleware = MiddlewareHandler<AppEnv>;
