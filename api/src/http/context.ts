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

/**
 * What a handler needs, besides the request, to compute its response again byte for byte: sampling's seed (drawn
 * when the request had none) and the checkpoint step it used ("latest" may move on).
 */
export interface RecomputeHint {
  seed: number | null;
  version: number;
}

/** Hono environment shared by the app and every sub-app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** null when no valid key was presented (and keys are configured). */
    principal: Principal | null;
    /** Why the presented credentials were rejected, for the 401 detail. */
    authFailure: string | null;
    /**
     * Set by a handler whose 2xx response is a pure function of the request and this hint; lets the idempotency
     * middleware keep a large response as this hint instead of its bytes.
     */
    recomputeHint: RecomputeHint | undefined;
    /** Set by the idempotency middleware when it replays by recomputing: the handler must reuse these values. */
    replayHint: RecomputeHint | undefined;
  };
}

export type AppMiddleware = MiddlewareHandler<AppEnv>;
