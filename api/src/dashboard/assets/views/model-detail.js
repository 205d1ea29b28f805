// One model: sample any version with a seed and n, download the samples as PNG or NPY, a latent interpolation
// strip between two seeds, the final metrics of each checkpoint and the config.
import { api, authHeaders, failure, url } from "../api.js";
import { badge, errorBox, h, replace, scrollBox } from "../dom.js";
import { fmtNum } from "../format.js";

const SIZES = [16, 64, 256];

/** POSTs a sampling request and returns the response as a Blob (PNG or NPY). */
async function sampleBlob(path, body, signal) {
  const res = await fetch(url(path), {
    method: "POST",
    signal,
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...authHeaders() },
  });
  if (!res.ok) throw await failure(res);
  return res.blob();
}

/** Shows a Blob in an <img>, releasing the previous blob: URL. */
function showBlob(img, blob) {
  const old = img.src;
  img.src = URL.createObjectURL(blob);
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  return img.decode();
}

/** Mounts the model view; returns the cleanup function. */
export function mountModel(root, id) {
  const ctrl = new AbortController();
  const enc = encodeURIComponent(id);
  const version = h("select", { id: "m-version" });
  const n = h(
    "select",
    { id: "m-n" },
    SIZES.map((v) => h("option", { value: String(v), selected: v === 64 }, String(v))),
  );
  const seed = h("input", { id: "m-seed", type: "number", min: 0, max: 2 ** 31 - 1, step: 1, value: "1", required: true, inputmode: "numeric" });
  const img = h("img", { class: "samples", alt: "", hidden: true });
  const downloads = h("p", { class: "actions" });
  const sampleStatus = h("div", { "aria-live": "polite" });
  const sampleForm = h(
    "form",
    { class: "row sample-controls" },
    h("div", { class: "field inline" }, h("label", { for: "m-version" }, "Version"), version),
    h("div", { class: "field inline" }, h("label", { for: "m-n" }, "Samples"), n),
    h("div", { class: "field inline" }, h("label", { for: "m-seed" }, "Seed"), seed),
    h("button", { type: "submit" }, "Sample"),
  );
  const from = h("input", { id: "m-from", type: "number", min: 0, step: 1, value: "1", required: true });
  const to = h("input", { id: "m-to", type: "number", min: 0, step: 1, value: "2", required: true });
  const strip = h("img", { class: "strip", alt: "", hidden: true });
  const lerpStatus = h("div", { "aria-live": "polite" });
  const lerpForm = h(
    "form",
    { class: "row sample-controls" },
    h("div", { class: "field inline" }, h("label", { for: "m-from" }, "From seed"), from),
    h("div", { class: "field inline" }, h("label", { for: "m-to" }, "To seed"), to),
    h("button", { type: "submit", class: "secondary" }, "Interpolate"),
  );
  const metrics = h("div", null, h("p", { class: "hint" }, "Loading…"));
  const config = h("pre", { class: "config", tabindex: 0, "aria-label": "Configuration (JSON)" });
  const head = h("p");
  replace(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/models" }, "← Models"), " · ", h("a", { href: `#/trainings/${enc}` }, "Training page")),
    h("h1", null, "Model ", h("code", null, id)),
    head,
    h(
      "div",
      { class: "detail" },
      h(
        "section",
        { class: "card", "aria-labelledby": "m-samples" },
        h("h2", { id: "m-samples" }, "Samples"),
        sampleForm,
        h("figure", null, img),
        downloads,
        sampleStatus,
      ),
      h("section", { class: "card", "aria-labelledby": "m-metrics" }, h("h2", { id: "m-metrics" }, "Metrics by checkpoint"), metrics),
      h(
        "section",
        { class: "card", "aria-labelledby": "m-lerp" },
        h("h2", { id: "m-lerp" }, "Latent interpolation"),
        h("p", { class: "hint" }, "Eight points on the great circle between the first latents of two seeds (slerp)."),
        lerpForm,
        strip,
        lerpStatus,
      ),
      h("section", { class: "card", "aria-labelledby": "m-config" }, h("h2", { id: "m-config" }, "Configuration"), config),
    ),
  );

  const request = () => ({ n: Number(n.value), seed: Number(seed.value), version: version.value === "latest" ? "latest" : Number(version.value) });
  const download = (format, label) => {
    const b = h("button", { type: "button", class: "secondary small" }, label);
    b.addEventListener("click", async () => {
      try {
        const blob = await sampleBlob(`v1/models/${enc}/samples`, { ...request(), format }, ctrl.signal);
        const a = h("a", { href: URL.createObjectURL(blob), download: `${id}-v${version.value}-seed${seed.value}.${format}` });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      } catch (err) {
        if (err?.name !== "AbortError") replace(sampleStatus, errorBox(err));
      }
    });
    return b;
  };
  replace(downloads, download("png", "Download PNG"), " ", download("npy", "Download NPY"));

  const sample = async () => {
    const r = request();
    try {
      await showBlob(img, await sampleBlob(`v1/models/${enc}/samples`, { ...r, format: "png" }, ctrl.signal));
      img.alt = `${r.n} samples of version ${r.version}, seed ${r.seed}`;
      img.hidden = false;
      img.dataset.request = JSON.stringify(r);
      replace(sampleStatus);
    } catch (err) {
      if (err?.name !== "AbortError") replace(sampleStatus, errorBox(err));
    }
  };
  sampleForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (sampleForm.reportValidity()) void sample();
  });
  lerpForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!lerpForm.reportValidity()) return;
    try {
      const body = { from: Number(from.value), to: Number(to.value), steps: 8, format: "png", version: request().version };
      await showBlob(strip, await sampleBlob(`v1/models/${enc}/interpolations`, body, ctrl.signal));
      strip.alt = `Interpolation from seed ${body.from} to seed ${body.to} in 8 steps`;
      strip.hidden = false;
      replace(lerpStatus);
    } catch (err) {
      if (err?.name !== "AbortError") replace(lerpStatus, errorBox(err));
    }
  });

  (async () => {
    try {
      const m = await api(`v1/models/${enc}`, { signal: ctrl.signal });
      replace(head, `${m.loss} on ${m.dataset}, latest step ${m.latestStep} `, badge(m.trainingStatus));
      replace(
        version,
        h("option", { value: "latest" }, "latest"),
        [...m.versions].reverse().map((v) => h("option", { value: String(v.step) }, `step ${v.step}`)),
      );
      const keys = [...new Set(m.versions.flatMap((v) => Object.keys(v.metrics ?? {})))].filter((k) => k !== "step");
      replace(
        metrics,
        keys.length === 0
          ? h("p", { class: "empty" }, "No evaluation was stored with the checkpoints (evalEvery).")
          : scrollBox(
              "Metrics table",
              h(
                "table",
                { class: "metrics" },
                h(
                  "thead",
                  null,
                  h(
                    "tr",
                    null,
                    h("th", { scope: "col" }, "Step"),
                    keys.map((k) => h("th", { scope: "col" }, k)),
                  ),
                ),
                h(
                  "tbody",
                  null,
                  [...m.versions].reverse().map((v) =>
                    h(
                      "tr",
                      { class: m.best?.step === v.step ? "best" : null },
                      h("th", { scope: "row" }, `${v.step}${m.best?.step === v.step ? " (best)" : ""}`),
                      keys.map((k) => h("td", { class: "num" }, fmtNum(v.metrics?.[k]))),
                    ),
                  ),
                ),
              ),
            ),
      );
      config.textContent = JSON.stringify(m.config, null, 2);
      void sample();
    } catch (err) {
      if (err?.name !== "AbortError") replace(metrics, errorBox(err));
    }
  })();
  return () => ctrl.abort();
}
