// Number and time formatting for tables and headings. Pure functions (unit-tested in Node).

/** A loss or metric value: 4 significant digits, "—" when absent or not finite. */
export function fmtNum(v) {
  if (typeof v !== "number" || !Number.isFinite(v)) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** A step count for axis labels: 950, 1.5k, 20k, 1.2M. */
export function fmtCount(v) {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(v);
}

/** Steps per second with one decimal ("—" before the first log). */
export function fmtRate(v) {
  return typeof v === "number" && v > 0 ? v.toFixed(1) : "—";
}

/** Seconds as "1h 02m", "3m 05s" or "42s"; "—" for null. */
export function fmtDuration(sec) {
  if (typeof sec !== "number" || !Number.isFinite(sec) || sec < 0) return "—";
  const s = Math.round(sec);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  if (hh > 0) return `${hh}h ${String(mm).padStart(2, "0")}m`;
  if (mm > 0) return `${mm}m ${String(ss).padStart(2, "0")}s`;
  return `${ss}s`;
}

/** How long ago an ISO time was, relative to `now` (ms): "just now", "5 min ago", "3 h ago", else the date. */
export function fmtAgo(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "—";
  const sec = (now - t) / 1000;
  if (sec < 45) return "just now";
  if (sec < 3600) return `${Math.round(sec / 60)} min ago`;
  if (sec < 86400) return `${Math.round(sec / 3600)} h ago`;
  return new Date(t).toISOString().slice(0, 10);
}

/** Deep-merges plain objects (b wins; arrays and scalars replace). Used for the form's advanced JSON. */
export function merge(a, b) {
  const plain = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
  if (!plain(a) || !plain(b)) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? merge(a[k], v) : v;
  return out;
}
