// The sample grid of a training's newest checkpoint: GET /v1/models/{id}/samples.png, shown only once a
// checkpoint exists (requesting earlier would only produce an error response).
import { showImage } from "../api.js";
import { errorBox, h, replace } from "../dom.js";

const SIZES = [16, 64, 256];

/**
 * A panel for training `id`: checkpoint(step) shows that checkpoint (if newer than the one shown), finished()
 * shows "latest" when no checkpoint event was seen, dispose() stops pending loads.
 */
export function samplePanel(id) {
  const img = h("img", { class: "samples", alt: "", hidden: true, decoding: "async" });
  const caption = h("figcaption", null, "No checkpoint yet: samples appear after the first checkpoint.");
  const status = h("div", { "aria-live": "polite" });
  const seed = h("input", { id: "sample-seed", type: "number", min: 0, max: 2 ** 31 - 1, step: 1, value: "1", inputmode: "numeric" });
  const n = h("select", { id: "sample-n" }, SIZES.map((v) => h("option", { value: String(v), selected: v === 64 }, String(v))));
  const controls = h("form", { class: "row sample-controls", hidden: true },
    h("div", { class: "field inline" }, h("label", { for: "sample-n" }, "Samples"), n),
    h("div", { class: "field inline" }, h("label", { for: "sample-seed" }, "Seed"), seed),
    h("button", { type: "submit", class: "secondary" }, "Show"));
  const el = h("div", { class: "sample-panel" }, h("figure", null, img, caption), controls, status);

  let version = null; // a checkpoint step, "latest", or null before any checkpoint
  let token = 0;
  let ctrl = new AbortController();

  const load = async () => {
    if (version === null) return;
    const mine = ++token;
    ctrl.abort();
    ctrl = new AbortController();
    const q = new URLSearchParams({ n: n.value, seed: String(Number(seed.value) || 0), version: String(version) });
    const what = version === "latest" ? "the latest checkpoint" : `checkpoint step ${version}`;
    replace(status, h("p", { class: "hint" }, "Sampling…"));
    try {
      await showImage(img, `v1/models/${encodeURIComponent(id)}/samples.png?${q}`, ctrl.signal);
      if (mine !== token) return;
      img.alt = `${n.value} samples from ${what} (seed ${q.get("seed")})`;
      img.hidden = false;
      controls.hidden = false;
      caption.textContent = `${n.value} samples from ${what}, seed ${q.get("seed")}.`;
      replace(status);
    } catch (err) {
      if (mine !== token || err?.name === "AbortError") return;
      replace(status, errorBox(err instanceof Error && err.name !== "EncodingError" ? err : new Error(`could not load the samples of ${what}`)));
    }
  };

  controls.addEventListener("submit", (e) => {
    e.preventDefault();
    if (controls.reportValidity()) void load();
  });

  return {
    el,
    checkpoint(step) {
      if (typeof version === "number" && step <= version) return;
      version = step;
      void load();
    },
    finished() {
      if (version !== null) return;
      version = "latest";
      void load();
    },
    dispose() {
      token++;
      ctrl.abort();
    },
  };
}
