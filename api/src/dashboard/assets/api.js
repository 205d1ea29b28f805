// The dashboard's door to the API: the key, JSON calls and authenticated images (event streams: events.js).

const KEY_STORAGE = "gantry.apiKey";

/** The stored API key, or "" when none. */
export function getKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? "";
  } catch {
    return ""; // storage disabled (private mode): behave as keyless
  }
}

/** Stores (or, with "", forgets) the API key and tells the page. */
export function setKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key cannot be kept; calls go out without it.
  }
  window.dispatchEvent(new CustomEvent("gantry:key"));
}

/** An API failure: message from the problem document, `issues` its field errors, `status` the HTTP status. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail || problem?.title || `HTTP ${status}`;
    super(status ? `${detail} (HTTP ${status})` : detail);
    this.status = status;
    this.issues = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

/** The Authorization header for the stored key (none without a key). */
export const authHeaders = () => {
  const key = getKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
};

/** An API URL. Paths are relative ("v1/…") so the dashboard also works behind a reverse proxy under a sub-path. */
export const url = (path) => new URL(path.replace(/^\//, ""), document.baseURI);

/** The ApiError for a failed response; a 401 also tells the page to ask for a key. */
export async function failure(res) {
  let problem = null;
  try {
    problem = await res.json();
  } catch {
    // Not a problem document (a proxy's error page): the status alone is all there is.
  }
  if (res.status === 401) window.dispatchEvent(new CustomEvent("gantry:unauthorized", { detail: problem?.detail ?? "" }));
  return new ApiError(res.status, problem);
}

/** Calls the API; resolves the JSON body (null for 204), rejects with ApiError. */
export async function api(path, { method = "GET", body, signal, headers = {} } = {}) {
  let res;
  try {
    res = await fetch(url(path), {
      method,
      signal,
      headers: { Accept: "application/json", ...authHeaders(), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err?.name === "AbortError") throw err;
    throw new ApiError(0, { detail: `cannot reach the API (${err?.message ?? err})` });
  }
  if (!res.ok) throw await failure(res);
  return res.status === 204 ? null : res.json();
}

/** A random key for Idempotency-Key (randomUUID needs a secure context; getRandomValues does not). */
export function randomKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Points img at an API image. Without a key the browser loads it directly (cacheable); with one it is fetched with
 * the header and shown from a blob URL. Resolves when the image is shown; rejects with ApiError.
 */
export async function showImage(img, path, signal) {
  if (!getKey()) {
    img.src = url(path).href;
    await img.decode();
    return;
  }
  const res = await fetch(url(path), { headers: authHeaders(), signal });
  if (!res.ok) throw await failure(res);
  const blobUrl = URL.createObjectURL(await res.blob());
  img.addEventListener("load", () => URL.revokeObjectURL(blobUrl), { once: true });
  img.src = blobUrl;
  await img.decode();
}
