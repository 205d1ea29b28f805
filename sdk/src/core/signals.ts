import { TimeoutError } from "./errors.ts";

/**
 * A signal that fires when `signal` does or after `timeoutMs` (with a TimeoutError as reason). `dispose` clears
 * the timer and listener; call it when the guarded work is done.
 */
export function withDeadline(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  what: string,
): {
  signal: AbortSignal | undefined;
  timedOut: () => boolean;
  dispose: () => void;
} {
  if (timeoutMs === undefined) return { signal, timedOut: () => false, dispose: () => undefined };
  const ctl = new AbortController();
  let expired = false;
  const onAbort = () => ctl.abort(signal?.reason);
  if (signal?.aborted) ctl.abort(signal.reason);
  else signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    expired = true;
    ctl.abort(new TimeoutError(`${what}: not finished within ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: ctl.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}
