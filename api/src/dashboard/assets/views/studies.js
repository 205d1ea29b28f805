// Studies view. The API lists studies only if its OpenAPI document declares GET /v1/studies; otherwise the view
// offers a look-up by id and remembers the studies opened in this browser.
import { api, getKey } from "../api.js";
import { badge, errorBox, h, replace } from "../dom.js";

const RECENT_KEY = "gantry.recentStudies";

function recent() {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x) => typeof x === "string").slice(0, 20) : [];
  } catch {
    return [];
  }
}

function remember(id) {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([id, ...recent().filter((x) => x !== id)].slice(0, 20)));
  } catch {
    // storage disabled: nothing to remember
  }
}

/** A link to the report. With a key the browser cannot send it on navigation, so the report is downloaded. */
function reportLink(id, format) {
  const path = `v1/studies/${encodeURIComponent(id)}/report?format=${format}`;
  const label = format === "html" ? "HTML report" : "Markdown report";
  if (!getKey()) return h("a", { href: path, target: "_blank", rel: "noopener" }, label);
  const btn = h("button", { type: "button", class: "secondary small" }, `Download ${label}`);
  btn.addEventListener("click", async () => {
    btn.disabled = true;
    try {
      const res = await fetch(new URL(path, document.baseURI), { headers: { Authorization: `Bearer ${getKey()}` } });
      if (!res.ok) throw new Error(`the report is not available (HTTP ${res.status})`);
      const href = URL.createObjectURL(await res.blob());
      const a = h("a", { href, download: `study-${id}.${format === "html" ? "html" : "md"}` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (err) {
      btn.after(errorBox(err));
    } finally {
      btn.disabled = false;
    }
  });
  return btn;
}

function studyCard(study) {
  const { id, status, ...rest } = study;
  const facts = Object.entries(rest).filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v));
  return h("article", { class: "card study" },
    h("h2", null, "Study ", h("code", null, id), " ", badge(status)),
    facts.length > 0 && h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", null, k), h("dd", null, String(v))])),
    h("p", { class: "actions" }, reportLink(id, "html"), " ", reportLink(id, "markdown")),
    h("details", null, h("summary", null, "Raw study document"), h("pre", { class: "config" }, JSON.stringify(study, null, 2))));
}

/** Mounts the studies view (optionally opening study `id`); returns the cleanup function. */
export function mountStudies(root, id) {
  const input = h("input", { id: "study-id", name: "id", type: "text", required: true, autocomplete: "off", value: id ?? "", spellcheck: "false" });
  const form = h("form", { class: "card row", role: "search" },
    h("div", { class: "field inline" }, h("label", { for: "study-id" }, "Study id"), input),
    h("button", { type: "submit" }, "Open"));
  const listEl = h("div");
  const detail = h("div", { "aria-live": "polite" });
  replace(root, h("h1", null, "Studies"),
    h("p", { class: "hint" }, "A study trains several losses × seeds on one dataset and compares them in a report."),
    form, detail, h("section", { "aria-labelledby": "studies-list" }, h("h2", { id: "studies-list" }, "Studies"), listEl));
  const ctrl = new AbortController();

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (v) location.hash = `#/studies/${encodeURIComponent(v)}`;
  });

  const links = (ids) => ids.length === 0 ? h("p", { class: "empty" }, "No studies yet.")
    : h("ul", { class: "plain" }, ids.map((s) => h("li", null, h("a", { href: `#/studies/${encodeURIComponent(s.id)}` }, s.id), " ", s.status ? badge(s.status) : null)));

  (async () => {
    if (id) {
      try {
        const study = await api(`v1/studies/${encodeURIComponent(id)}`, { signal: ctrl.signal });
        remember(study.id);
        replace(detail, studyCard(study));
      } catch (err) {
        if (err?.name === "AbortError") return;
        replace(detail, errorBox(err));
      }
    }
    try {
      const doc = await api("openapi.json", { signal: ctrl.signal });
      if (doc?.paths?.["/v1/studies"]?.get) {
        const page = await api("v1/studies?limit=50", { signal: ctrl.signal });
        replace(listEl, links(page.data));
      } else {
        replace(listEl, h("p", { class: "hint" }, "This server does not list studies; opened here recently:"), links(recent().map((s) => ({ id: s }))));
      }
    } catch (err) {
      if (err?.name !== "AbortError") replace(listEl, errorBox(err));
    }
  })();
  return () => ctrl.abort();
}
