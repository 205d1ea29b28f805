// Trainings view: the start form beside a table of trainings that refreshes every few seconds while visible.
import { api } from "../api.js";
import { TRAINING_STATES } from "../config.js";
import { badge, errorBox, h, progressBar, replace, scrollBox } from "../dom.js";
import { fmtAgo, fmtNum, fmtRate } from "../format.js";
import { startForm } from "./start-form.js";

const REFRESH_MS = 2500;
const PAGE = 25;
const STATES = ["", ...TRAINING_STATES];

function row(t) {
  const m = t.latestMetrics ?? {};
  const label = t.config.name ? [h("br"), h("small", null, t.config.name)] : null;
  return h(
    "tr",
    { dataset: { id: t.id, status: t.status } },
    h("th", { scope: "row" }, h("a", { href: `#/trainings/${encodeURIComponent(t.id)}` }, t.id), label),
    h("td", null, badge(t.status)),
    h("td", null, t.config.loss.name),
    h("td", null, t.config.data.name),
    h("td", null, progressBar(t.progress.step, t.progress.steps, `Progress of ${t.id}`, `${fmtRate(t.progress.stepsPerSecond)}/s`)),
    h("td", { class: "num" }, fmtNum(m.dLoss)),
    h("td", { class: "num" }, fmtNum(m.gLoss)),
    h("td", null, h("time", { datetime: t.createdAt, title: t.createdAt }, fmtAgo(t.createdAt))),
  );
}

/** Mounts the trainings list and start form into root; returns the cleanup function. */
export function mountTrainings(root) {
  const filter = h(
    "select",
    { id: "status-filter" },
    STATES.map((s) => h("option", { value: s }, s || "any")),
  );
  const tbody = h("tbody");
  const table = h(
    "table",
    { class: "trainings" },
    h("caption", { class: "visually-hidden" }, "Trainings, newest first"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        ["Training", "Status", "Loss", "Dataset", "Progress", "D loss", "G loss", "Created"].map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    tbody,
  );
  const message = h("div", { "aria-live": "polite" }, h("p", { class: "empty" }, "Loading…"));
  const newer = h("button", { type: "button", class: "secondary", disabled: true }, "Newest");
  const older = h("button", { type: "button", class: "secondary", disabled: true }, "Older");
  const cursors = [];
  let cursor = "";
  let nextCursor = null;

  replace(
    root,
    h("h1", null, "Trainings"),
    h(
      "div",
      { class: "split" },
      startForm((t) => {
        location.hash = `#/trainings/${encodeURIComponent(t.id)}`;
      }),
      h(
        "section",
        { class: "card list", "aria-labelledby": "list-title" },
        h(
          "div",
          { class: "list-head" },
          h("h2", { id: "list-title" }, "Recent trainings"),
          h("a", { href: "#/compare" }, "Compare two trainings"),
          h("div", { class: "field inline" }, h("label", { for: "status-filter" }, "Status"), filter),
        ),
        scrollBox("Trainings table", table),
        message,
        h("div", { class: "pager" }, newer, older),
      ),
    ),
  );

  let timer = 0;
  let stopped = false;
  let ctrl = new AbortController();
  const load = async () => {
    clearTimeout(timer);
    ctrl.abort();
    ctrl = new AbortController();
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) q.set("cursor", cursor);
    if (filter.value) q.set("status", filter.value);
    try {
      const page = await api(`v1/trainings?${q}`, { signal: ctrl.signal });
      nextCursor = page.nextCursor;
      update(page.data);
      replace(message, page.data.length === 0 ? h("p", { class: "empty" }, "No trainings yet: start one with the form.") : null);
    } catch (err) {
      if (err?.name === "AbortError") return;
      replace(message, errorBox(err));
      // Without a valid key every refresh would fail (and reopen the key dialog); saving a key remounts the view.
      if (err?.status === 401) stopped = true;
    }
    older.disabled = !nextCursor;
    newer.disabled = cursors.length === 0;
    if (!stopped) timer = setTimeout(tick, REFRESH_MS);
  };
  const tick = () => {
    if (document.visibilityState === "visible") return load();
    timer = setTimeout(tick, REFRESH_MS);
  };

  // Rows are replaced in place when the set of ids is unchanged, so a focused link is not lost on refresh.
  const update = (trainings) => {
    const old = [...tbody.rows];
    const same = old.length === trainings.length && old.every((r, i) => r.dataset.id === trainings[i].id);
    if (!same) return replace(tbody, trainings.map(row));
    trainings.forEach((t, i) => {
      const fresh = row(t);
      const tr = old[i];
      tr.dataset.status = t.status;
      // The first cell holds the link (possibly focused); the others are plain and safe to swap.
      for (let c = 1; c < fresh.cells.length; c++) tr.cells[c].replaceWith(fresh.cells[c].cloneNode(true));
    });
  };

  filter.addEventListener("change", () => {
    cursors.length = 0;
    cursor = "";
    void load();
  });
  older.addEventListener("click", () => {
    cursors.push(cursor);
    cursor = nextCursor ?? "";
    void load();
  });
  newer.addEventListener("click", () => {
    cursor = cursors.pop() ?? "";
    void load();
  });
  void load();
  return () => {
    stopped = true;
    clearTimeout(timer);
    ctrl.abort();
  };
}
