/** Longest `Prefer: wait` the API honours, in seconds. */
export const MAX_WAIT_SECONDS = 60;

/**
 * The `wait` preference of an RFC 7240 `Prefer` header ("respond-async, wait=10"), capped at `cap` seconds;
 * null when absent or malformed (an unknown preference is ignored, as the RFC asks).
 */
export function preferWait(header: string | undefined, cap: number = MAX_WAIT_SECONDS): number | null {
  if (!header) return null;
  for (const part of header.split(/[,;]/)) {
    const m = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*$/i.exec(part);
    if (m?.[1]) return Math.min(Number(m[1]), cap);
  }
  return null;
}

/** Polls `check` every `intervalMs` until it returns a value or `seconds` pass; resolves to the last result. */
export async function waitFor<T>(seconds: number, check: () => Promise<T | null>, intervalMs = 250, signal?: AbortSignal): Promise<T | null> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const r = await check();
    if (r !== null || Date.now() >= deadline || signal?.aborted) return r;
    await new Promise((res) => setTimeout(res, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}
