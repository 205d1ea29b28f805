// Two trainings side by side: the same curves (losses, gradient norms, every evaluation metric) with one line per
// training on a shared step axis, and each run's final checkpoint picture next to the other's.
import { api, showImage } from "../api.js";
import { errorBox, h, replace } from "../dom.js";
import { METRIC_LABELS, STEP_CHARTS, addLine, alignSteps, createStore } from "../series.js";
import { curveChart } from "./curve-chart.js";

/** Mounts the comparison of trainings a and b (either may be null: pick them first); returns the cleanup function. */
export function mountCompare(root, a, b) {
  const ctrl = new AbortController();
  const charts = [];
  const pickA = h("select", { id: "cmp-a", required: true });
  const pickB = h("select", { id: "cmp-b", required: true });
  const form = h(
    "form",
    { class: "card row" },
    h("div", { class: "field" }, h("label", { for: "cmp-a" }, "Training A"), pickA),
    h("div", { class: "field" }, h("label", { for: "cmp-b" }, "Training B"), pickB),
    h("button", { type: "submit" }, "Compare"),
  );
  const body = h("div", { class: "curves" });
  const pictures = h("div", { class: "detail" });
  replace(root, h("h1", null, "Compare trainings"), form, pictures, body);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (form.reportValidity()) location.hash = `#/compare/${encodeURIComponent(pickA.value)}/${encodeURIComponent(pickB.value)}`;
  });

  (async () => {
    try {
      const page = await api("v1/trainings?limit=50", { signal: ctrl.signal });
      const opts = (sel) =>
        page.data.map((t) => h("option", { value: t.id, selected: t.id === sel }, `${t.id} · ${t.config.loss.name} on ${t.config.data.name}`));
      replace(pickA, opts(a));
      replace(pickB, opts(b ?? page.data[1]?.id));
      if (!a || !b) return;
      const runs = await Promise.all(
        [a, b].map(async (id) => {
          const [t, m] = await Promise.all([
            api(`v1/trainings/${encodeURIComponent(id)}`, { signal: ctrl.signal }),
            api(`v1/trainings/${encodeURIComponent(id)}/metrics`, { signal: ctrl.signal }),
          ]);
          const store = createStore();
          for (const line of m.data) addLine(store, line);
          return { id, t, store };
        }),
      );
      const name = (r, label) => `${r.t.config.loss.name} (${r.id.slice(-6)}) ${label}`;
      const add = (title, sides, labels, log, smoothing = true) => {
        const { steps, columns } = alignSteps(sides);
        const c = curveChart({ title, labels, log, smoothing });
        charts.push(c);
        body.append(c.el);
        c.update(steps, columns);
      };
      for (const sc of STEP_CHARTS) {
        sc.keys.forEach((k, i) =>
          add(
            `${sc.labels[i]}`,
            runs.map((r) => ({ steps: r.store.steps, values: r.store.cols[k] ?? [] })),
            runs.map((r) => name(r, sc.labels[i])),
            sc.log,
          ),
        );
      }
      const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.store.evals)))];
      for (const k of metrics) {
        add(
          METRIC_LABELS[k] ?? k,
          runs.map((r) => ({ steps: r.store.evalSteps, values: r.store.evals[k] ?? [] })),
          runs.map((r) => name(r, k)),
          false,
          false, // a few evaluations: smoothing would only blur them (as on the training page)
        );
      }
      for (const r of runs) {
        const img = h("img", { class: "samples", alt: `Samples of ${r.id} at its latest checkpoint (seed 1)` });
        pictures.append(
          h(
            "figure",
            { class: "card" },
            h("figcaption", null, h("a", { href: `#/trainings/${encodeURIComponent(r.id)}` }, r.id), ` · ${r.t.config.loss.name}`),
            img,
          ),
        );
        showImage(img, `v1/models/${encodeURIComponent(r.id)}/samples.png?n=256&seed=1`, ctrl.signal).catch((err) => {
          if (err?.name !== "AbortError") img.replaceWith(errorBox(err));
        });
      }
    } catch (err) {
      if (err?.name !== "AbortError") body.append(errorBox(err));
    }
  })();
  return () => {
    ctrl.abort();
    for (const c of charts) c.destroy();
  };
}
