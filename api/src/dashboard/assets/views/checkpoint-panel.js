// The samples of any checkpoint through a version slider, with an animation across checkpoints. For 2-D data the
// picture is GAN Lab's: the critic's value as a heat map (GET /v1/models/{id}/critic), real points and the
// generator's fakes over it; for images it is the sample grid (samples.png).
import { api, showImage } from "../api.js";
import { errorBox, h, replace } from "../dom.js";
import { fieldBounds, fieldPixels } from "../field.js";

const SIZE = 420;
const RESOLUTION = 64;
const REAL = 500;
const FAKE = 500;
const FRAME_MS = 700;

/** A panel for model `id`; setVersions(steps) is called with the checkpoint steps known so far (ascending). */
export function checkpointPanel(id, opts) {
  let twoD = opts.twoD;
  const slider = h("input", { id: "ckpt-slider", type: "range", min: 0, max: 0, step: 1, value: "0", disabled: true });
  const label = h("output", { for: "ckpt-slider", id: "ckpt-label" }, "no checkpoint yet");
  const play = h("button", { type: "button", class: "secondary small", disabled: true }, "Play");
  const canvas = h("canvas", { width: SIZE, height: SIZE, class: "field", role: "img", "aria-label": "No checkpoint yet", hidden: !twoD });
  const img = h("img", { class: "samples", alt: "", hidden: true, decoding: "async" });
  const legend = twoD
    ? h(
        "ul",
        { class: "legend" },
        h("li", null, h("span", { class: "dot real" }), "real data"),
        h("li", null, h("span", { class: "dot fake" }), "generated"),
        h("li", null, h("span", { class: "ramp" }), "critic: low (fake) → high (real)"),
      )
    : null;
  const status = h("div", { "aria-live": "polite" });
  const figure = h("figure", { class: "checkpoint", dataset: { version: "" } }, canvas, img, legend);
  const el = h(
    "div",
    { class: "checkpoint-panel" },
    h("div", { class: "row" }, h("div", { class: "field grow" }, h("label", { for: "ckpt-slider" }, "Checkpoint"), slider), label, play),
    figure,
    status,
  );

  let versions = [];
  let token = 0;
  let timer = 0;
  const ctrl = new AbortController();
  const cache = new Map(); // step → { field, fakes }: animation frames are fetched once

  const frame = async (step) => {
    if (!cache.has(step)) {
      const q = new URLSearchParams({ version: String(step), resolution: String(RESOLUTION), real: String(REAL) });
      const [field, fakes] = await Promise.all([
        api(`v1/models/${encodeURIComponent(id)}/critic?${q}`, { signal: ctrl.signal }),
        api(`v1/models/${encodeURIComponent(id)}/samples`, { method: "POST", body: { n: FAKE, seed: 1, version: step }, signal: ctrl.signal }),
      ]);
      cache.set(step, { field, fakes: fakes.data });
    }
    return cache.get(step);
  };

  const draw = ({ field, fakes }) => {
    const ctx = canvas.getContext("2d");
    const r = field.resolution;
    const bounds = fieldBounds(field.values);
    const small = new OffscreenCanvas(r, r);
    small.getContext("2d").putImageData(new ImageData(fieldPixels(field.values, bounds), r, r), 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, SIZE, SIZE);
    const [lo, hi] = field.extent;
    const px = (x) => ((x - lo) / (hi - lo)) * SIZE;
    const py = (y) => ((hi - y) / (hi - lo)) * SIZE;
    const dots = (pts, fill) => {
      ctx.fillStyle = fill;
      ctx.strokeStyle = "#fff";
      ctx.lineWidth = 0.75;
      for (const [x, y] of pts) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        ctx.beginPath();
        ctx.arc(px(x), py(y), 2.4, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    };
    dots(field.real, "#1b7837");
    dots(fakes, "#762a83");
    // Axis extent in the corners: the picture is in data units.
    ctx.fillStyle = "#1b1f24";
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillText(`(${lo.toFixed(1)}, ${lo.toFixed(1)})`, 4, SIZE - 6);
    const hiText = `(${hi.toFixed(1)}, ${hi.toFixed(1)})`;
    ctx.fillText(hiText, SIZE - ctx.measureText(hiText).width - 4, 14);
  };

  const show = async (step) => {
    const mine = ++token;
    try {
      if (twoD) {
        const f = await frame(step);
        if (mine !== token) return;
        draw(f);
        canvas.setAttribute(
          "aria-label",
          `Critic field at step ${step} with ${f.field.real.length} real points (green) and ${f.fakes.length} generated points (purple)`,
        );
      } else {
        const q = new URLSearchParams({ n: "64", seed: "1", version: String(step) });
        await showImage(img, `v1/models/${encodeURIComponent(id)}/samples.png?${q}`, ctrl.signal);
        if (mine !== token) return;
        img.alt = `64 samples at step ${step} (seed 1)`;
        img.hidden = false;
      }
      figure.dataset.version = String(step);
      replace(status);
    } catch (err) {
      if (mine !== token || err?.name === "AbortError") return;
      if (twoD && err?.status === 422) {
        // No critic field for this model (e.g. a packed PacGAN critic): show its sample scatter plot instead.
        twoD = false;
        canvas.hidden = true;
        if (legend) legend.hidden = true;
        return show(step);
      }
      replace(status, errorBox(err));
    }
  };

  const select = (i) => {
    slider.value = String(i);
    const step = versions[i];
    label.textContent = `step ${step} (${i + 1} of ${versions.length})`;
    slider.setAttribute("aria-valuetext", `step ${step}`);
    void show(step);
  };
  slider.addEventListener("input", () => select(Number(slider.value)));

  const stopPlaying = () => {
    clearTimeout(timer);
    timer = 0;
    play.textContent = "Play";
  };
  play.addEventListener("click", () => {
    if (timer) return stopPlaying();
    play.textContent = "Pause";
    let i = Number(slider.value) >= versions.length - 1 ? 0 : Number(slider.value);
    const tick = async () => {
      select(i);
      await frame(versions[i]).catch(() => null); // wait for the frame before moving on
      i++;
      if (i < versions.length && timer) timer = setTimeout(tick, FRAME_MS);
      else stopPlaying();
    };
    timer = setTimeout(tick, 0);
  });

  return {
    el,
    /**
     * Adds checkpoint steps (from live events), or with `exact` sets the list (the model's versions once the run
     * ended: older checkpoints may have been pruned). Follows the newest step unless the user moved the slider back.
     */
    setVersions(steps, exact = false) {
      const atEnd = versions.length === 0 || Number(slider.value) === versions.length - 1;
      const current = versions[Number(slider.value)];
      versions = [...new Set([...(exact ? [] : versions), ...steps])].sort((a, b) => a - b);
      if (versions.length === 0) return;
      slider.max = String(versions.length - 1);
      slider.disabled = versions.length < 2;
      play.disabled = versions.length < 2;
      if (timer) return;
      if (atEnd || !versions.includes(current)) select(versions.length - 1);
      else select(versions.indexOf(current));
    },
    dispose() {
      token++;
      stopPlaying();
      ctrl.abort();
    },
  };
}
