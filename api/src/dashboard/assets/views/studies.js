// Studies view: the create form and the list, or one study with its ranking (CIs as bars), failure markers, runs (each
// linking to its run page), curves with a band per loss and final samples side by side (study-figures.js)
// and report links. Studies opened here are also remembered in this browser (shown if the list cannot be read).
import { api, getKey } from "../api.js";
import { badge, errorBox, h, replace, scrollBox } from "../dom.js";
import { fmtDuration, fmtNum } from "../format.js";
import { isStudyTerminal, isTerminal } from "../states.js";
import { runHref, studyFigures } from "./study-figures.js";
import { studyForm } from "./study-form.js";

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

/** A mean [lo, hi] interval as text. */
const ci = (v) => (v ? `${fmtNum(v.mean)} [${fmtNum(v.lo)}, ${fmtNum(v.hi)}]` : "—");

/** The ranking with each interval drawn as a bar on one shared axis, so overlaps are visible at a glance. */
function rankingTable(results) {
  const vals = results.ranking.flatMap((e) => (e.value ? [e.value.lo, e.value.hi] : []));
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const pos = (v) => (hi > lo ? ((v - lo) / (hi - lo)) * 100 : 50);
  const byLoss = new Map(results.losses.map((l) => [l.loss, l]));
  return h(
    "table",
    { class: "ranking" },
    h(
      "caption",
      null,
      `Ranking by final ${results.primaryMetric} (${results.direction === "min" ? "lower" : "higher"} is better), mean and 95 % bootstrap CI over seeds` +
        // The budget behind the numbers, as the reports state it (absent in studies reported before it was recorded).
        (results.budget ? `; ${results.budget}` : ""),
    ),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        ["#", "Loss", "Mean [95 % CI]", "Interval", "Seeds", "Failures", "Note"].map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      null,
      results.ranking.map((e) => {
        const l = byLoss.get(e.loss);
        const failed = l && (l.diverged > 0 || l.collapsed > 0);
        return h(
          "tr",
          { dataset: { loss: e.loss } },
          h("td", { class: "num" }, String(e.rank)),
          h("th", { scope: "row" }, e.loss),
          h("td", { class: "num" }, ci(e.value)),
          h(
            "td",
            { class: "ci-cell", "aria-hidden": "true" },
            e.value &&
              h("span", { class: "ci-track" }, h("span", { class: "ci-bar", style: null, dataset: { lo: pos(e.value.lo), hi: pos(e.value.hi) } })),
          ),
          h("td", { class: "num" }, String(e.value?.n ?? 0)),
          h(
            "td",
            null,
            l
              ? h("span", { class: failed ? "marker failed" : "marker" }, failed ? `⚠ ${l.diverged} diverged, ${l.collapsed} collapsed` : "none")
              : "—",
          ),
          h("td", null, e.note),
        );
      }),
    ),
  );
}

/** Positions the CI bars: through the CSSOM (allowed by the page's CSP, unlike style attributes in markup). */
function placeBars(root) {
  for (const bar of root.querySelectorAll(".ci-bar")) {
    const lo = Number(bar.dataset.lo);
    bar.style.left = `${lo}%`;
    bar.style.width = `${Math.max(1, Number(bar.dataset.hi) - lo)}%`;
  }
}

function studyCard(study) {
  const { id, status } = study;
  const p = study.progress ?? {};
  const runs = Array.isArray(study.runs) ? study.runs : [];
  const el = h(
    "article",
    { class: "card study", dataset: { status } },
    h("h2", null, "Study ", h("code", null, id), study.name ? ` · ${study.name}` : "", " ", badge(status)),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "Dataset"),
      h("dd", null, study.config?.data?.name ?? "—"),
      h("dt", null, "Losses × seeds"),
      h("dd", null, `${(study.config?.losses ?? []).join(", ")} × ${study.config?.seeds?.length ?? "?"} seeds`),
      h("dt", null, "Steps"),
      h("dd", null, String(study.config?.steps ?? "—")),
      h("dt", null, "Runs done"),
      h("dd", null, `${runs.filter((r) => isTerminal(r.status)).length} / ${runs.length}`),
      p.etaSeconds != null ? [h("dt", null, "ETA"), h("dd", null, fmtDuration(p.etaSeconds))] : null,
      study.error ? [h("dt", null, "Error"), h("dd", null, `${study.error.code}: ${study.error.message}`)] : null,
    ),
    study.results
      ? [
          h("h3", null, "Ranking"),
          scrollBox("Ranking table", rankingTable(study.results)),
          h(
            "ul",
            { class: "plain notes" },
            study.results.notes.map((n) => h("li", null, n)),
          ),
        ]
      : h("p", { class: "hint" }, "The ranking appears when every run has finished and the report is built."),
    h("h3", null, "Runs"),
    h(
      "ul",
      { class: "plain runs" },
      runs.map((r) =>
        h(
          "li",
          { dataset: { run: r.runId } },
          h("a", { href: runHref(id, r.runId) }, `${r.loss} · seed ${r.seed}${r.trial != null ? ` · trial ${r.trial}` : ""}`),
          ": ",
          badge(r.status),
          ` step ${r.step} / ${r.steps}`,
          r.error ? ` (${r.error.message})` : "",
        ),
      ),
    ),
    h(
      "p",
      { class: "actions" },
      reportLink(id, "html"),
      " ",
      reportLink(id, "markdown"),
      h("span", { class: "hint" }, " The HTML report is the same study as one self-contained file (for sharing or archiving)."),
    ),
    h(
      "details",
      null,
      h("summary", null, "Raw study document"),
      h("pre", { class: "config", tabindex: 0, "aria-label": "Study document (JSON)" }, JSON.stringify(study, null, 2)),
    ),
  );
  placeBars(el);
  return el;
}

/** Mounts the studies view (optionally opening study `id`); returns the cleanup function. */
export function mountStudies(root, id) {
  const listEl = h("div");
  const detail = h("div", { "aria-live": "polite" });
  const ctrl = new AbortController();
  let timer = 0;
  replace(
    root,
    h("h1", null, id ? `Study ${id}` : "Studies"),
    h("p", { class: "hint" }, "A study trains several losses × seeds on one dataset and compares them, with confidence intervals, in a report."),
    id
      ? detail
      : h(
          "div",
          { class: "split" },
          studyForm((s) => {
            location.hash = `#/studies/${encodeURIComponent(s.id)}`;
          }),
          h("section", { class: "card", "aria-labelledby": "studies-list" }, h("h2", { id: "studies-list" }, "Studies"), listEl),
        ),
  );

  const links = (items) =>
    items.length === 0
      ? h("p", { class: "empty" }, "No studies yet.")
      : h(
          "ul",
          { class: "plain" },
          items.map((s) =>
            h(
              "li",
              null,
              h("a", { href: `#/studies/${encodeURIComponent(s.id)}` }, s.id),
              s.name ? ` · ${s.name} ` : " ",
              s.status ? badge(s.status) : null,
            ),
          ),
        );

  const figuresBox = h("div");
  let figures = null;
  let figuresKey = "";
  const loadStudy = async () => {
    try {
      const study = await api(`v1/studies/${encodeURIComponent(id)}`, { signal: ctrl.signal });
      remember(study.id);
      // The figures are redrawn only when a run ends or the study's state changes, not on every poll.
      const key = `${study.status}:${(study.runs ?? []).map((r) => r.status).join(",")}`;
      if (key !== figuresKey) {
        figuresKey = key;
        figures?.destroy();
        figures = studyFigures(study);
        replace(figuresBox, figures.el);
      }
      replace(detail, studyCard(study), figuresBox);
      // A study runs for minutes and has no event stream: re-read it every few seconds until it ends.
      if (!isStudyTerminal(study.status)) timer = setTimeout(loadStudy, 3000);
    } catch (err) {
      if (err?.name !== "AbortError") replace(detail, errorBox(err));
    }
  };
  (async () => {
    if (id) return loadStudy();
    try {
      const page = await api("v1/studies?limit=50", { signal: ctrl.signal });
      replace(listEl, links(page.data));
    } catch (err) {
      if (err?.name !== "AbortError") replace(listEl, h("p", { class: "hint" }, "Opened here recently:"), links(recent().map((s) => ({ id: s }))));
    }
  })();
  return () => {
    clearTimeout(timer);
    ctrl.abort();
    figures?.destroy();
  };
}
