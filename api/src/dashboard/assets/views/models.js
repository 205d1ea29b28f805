// Models view: one card per model (a training with a checkpoint) with a sample preview of its latest checkpoint.
import { api, showImage } from "../api.js";
import { badge, errorBox, h, replace } from "../dom.js";
import { fmtAgo } from "../format.js";
import { isTerminal } from "../states.js";

const PAGE = 12;

function card(m, onDeleted, signal) {
  const img = h("img", { class: "preview", alt: `16 samples of ${m.id} at step ${m.latestStep}`, width: 160, height: 160, hidden: true });
  const status = h("div");
  const del = h("button", { type: "button", class: "secondary small", disabled: !isTerminal(m.trainingStatus) }, "Delete");
  const el = h(
    "li",
    { class: "card model", dataset: { id: m.id } },
    h("h3", null, h("a", { href: `#/models/${encodeURIComponent(m.id)}` }, m.id)),
    h("figure", null, img, status),
    h("p", null, `${m.loss} on ${m.dataset}, step ${m.latestStep} `, badge(m.trainingStatus)),
    h("p", { class: "hint" }, `Created ${fmtAgo(m.createdAt)} · `, h("a", { href: `#/trainings/${encodeURIComponent(m.id)}` }, "training")),
    h("div", { class: "actions" }, del),
  );
  // Previews load when the card nears the viewport, so a page of models does not sample a dozen generators at once.
  const io = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    io.disconnect();
    const q = new URLSearchParams({ n: "16", seed: "1", version: String(m.latestStep) });
    showImage(img, `v1/models/${encodeURIComponent(m.id)}/samples.png?${q}`, signal)
      .then(() => {
        img.hidden = false;
      })
      .catch((err) => {
        if (err?.name !== "AbortError") replace(status, errorBox(err));
      });
  });
  io.observe(el);
  del.addEventListener("click", async () => {
    if (!confirm(`Delete model ${m.id} and all of its files (training, checkpoints, metrics)?`)) return;
    del.disabled = true;
    try {
      await api(`v1/models/${encodeURIComponent(m.id)}`, { method: "DELETE" });
      onDeleted();
    } catch (err) {
      replace(status, errorBox(err));
      del.disabled = false;
    }
  });
  return el;
}

/** Mounts the models view into root; returns the cleanup function. */
export function mountModels(root) {
  const list = h("ul", { class: "models" });
  const message = h("div", { "aria-live": "polite" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Load more");
  replace(
    root,
    h("h1", null, "Models"),
    h("p", { class: "hint" }, "Every training publishes a model once it has a checkpoint. Previews: 16 samples, seed 1."),
    message,
    list,
    h("div", { class: "pager" }, more),
  );
  const ctrl = new AbortController();
  let cursor = "";

  const load = async (reset) => {
    if (reset) {
      cursor = "";
      list.replaceChildren();
    }
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) q.set("cursor", cursor);
    try {
      const page = await api(`v1/models?${q}`, { signal: ctrl.signal });
      list.append(...page.data.map((m) => card(m, () => void load(true), ctrl.signal)));
      cursor = page.nextCursor ?? "";
      more.hidden = !page.nextCursor;
      replace(
        message,
        list.children.length === 0 ? h("p", { class: "empty" }, "No models yet: a training publishes one at its first checkpoint.") : null,
      );
    } catch (err) {
      if (err?.name !== "AbortError") replace(message, errorBox(err));
    }
  };
  more.addEventListener("click", () => void load(false));
  void load(true);
  return () => ctrl.abort();
}
