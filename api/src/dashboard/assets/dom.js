// Tiny DOM helpers. Text always goes in through text nodes (never innerHTML), so API data cannot inject markup.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Appends children (strings become text nodes; null/false are skipped; arrays are flattened). */
function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "value" || k === "checked" || k === "selected") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** Creates an HTML element: h("a", { href: "#/x", onclick: fn }, "text", child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Creates an SVG element with the same conventions as h. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces every child of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A status badge: the state is written out, colour only reinforces it. */
export function badge(status) {
  return h("span", { class: `badge badge-${status}` }, status);
}

/** A labelled progress bar with the step count beside it (below it when `extra` text is given, for tables). */
export function progressBar(step, steps, label, extra = "") {
  const max = Math.max(1, steps);
  return h(
    "div",
    { class: extra ? "progress stacked" : "progress" },
    h("progress", { max, value: Math.min(step, max), "aria-label": label }),
    h("span", { class: "progress-text" }, `${step} / ${steps}`, extra && h("span", { class: "rate" }, ` · ${extra}`)),
  );
}

/** An alert box for an error (role=alert so screen readers announce it). */
export function errorBox(err) {
  const issues = err && Array.isArray(err.issues) ? err.issues : [];
  // With field errors the detail only repeats them, so a short lead-in introduces the list instead.
  const text = issues.length > 0 ? `The API rejected the request (HTTP ${err.status}):` : err instanceof Error ? err.message : String(err);
  return h(
    "div",
    { class: "error", role: "alert" },
    h("p", null, text),
    issues.length > 0 &&
      h(
        "ul",
        null,
        issues.map((i) => h("li", null, h("code", null, i.path || "(body)"), ": ", i.message)),
      ),
  );
}

/**
 * A horizontally scrollable wrapper for a wide table. It takes keyboard focus (tabindex 0, a named region) so a
 * keyboard user can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function scrollBox(label, child) {
  return h("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": label }, child);
}
