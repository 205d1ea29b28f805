// The "start a study" form: dataset, losses (checkboxes), seeds, steps, batch size, optional advanced JSON, and the
// bundled presets (trainer/studies) that fill it. POST /v1/studies; the study engine's field errors are shown.
import { api, randomKey } from "../api.js";
import { LOSSES, STUDY_PRESETS } from "../config.js";
import { errorBox, h, replace } from "../dom.js";
import { merge } from "../format.js";

const num = (id, name, value, min, max) =>
  h(
    "div",
    { class: "field" },
    h("label", { for: id }, name),
    h("input", { id, name: id, type: "number", inputmode: "numeric", required: true, min, max, step: 1, value: String(value) }),
  );

/** Builds the form; onCreated(study) is called after a successful submit. */
export function studyForm(onCreated) {
  const preset = h(
    "select",
    { id: "s-preset" },
    h("option", { value: "" }, "— none —"),
    Object.keys(STUDY_PRESETS).map((n) => h("option", { value: n }, n)),
  );
  const dataset = h("select", { id: "s-dataset", required: true }, h("option", { value: "ring8" }, "ring8"));
  const boxes = LOSSES.map((l) => h("input", { type: "checkbox", id: `s-loss-${l}`, value: l, checked: ["ns", "wgan-gp"].includes(l) }));
  const advanced = h("textarea", {
    id: "s-advanced",
    rows: 4,
    spellcheck: "false",
    "aria-describedby": "s-advanced-hint",
    placeholder: '{ "model": { "gHidden": [64, 64, 64], "dHidden": [64, 64, 64] }, "evalEvery": 100 }',
  });
  const status = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card study-form", "aria-labelledby": "study-form-title" },
    h("h2", { id: "study-form-title" }, "Start a study"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "s-preset" }, "Preset"),
      preset,
      h("small", { class: "hint" }, "Fills the form from a bundled study; change anything before starting."),
    ),
    h("div", { class: "field" }, h("label", { for: "s-name" }, "Name (optional)"), h("input", { id: "s-name", type: "text", maxlength: 200 })),
    h("div", { class: "field" }, h("label", { for: "s-dataset" }, "Dataset"), dataset),
    h(
      "fieldset",
      { class: "losses" },
      h("legend", null, "Losses"),
      boxes.map((b) => h("span", { class: "check" }, b, h("label", { for: b.id }, b.value))),
    ),
    h(
      "div",
      { class: "row" },
      num("s-seeds", "Seeds", 2, 1, 1000),
      num("s-steps", "Steps", 500, 1, 10_000_000),
      num("s-batch", "Batch size", 64, 1, 4096),
    ),
    h(
      "details",
      { class: "advanced" },
      h("summary", null, "Advanced (JSON)"),
      h(
        "div",
        { class: "field" },
        h("label", { for: "s-advanced" }, "Extra study fields"),
        advanced,
        h(
          "small",
          { id: "s-advanced-hint", class: "hint" },
          "Merged over the fields above: model, shared, perLoss, evalEvery, thresholds, primaryMetric…",
        ),
      ),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Start study")),
    status,
  );

  api("v1/datasets?limit=200")
    .then((page) => {
      replace(
        dataset,
        page.data.map((d) => h("option", { value: d.name, selected: d.name === "ring8" }, d.name)),
      );
    })
    .catch(() => {});

  preset.addEventListener("change", () => {
    const p = STUDY_PRESETS[preset.value];
    if (!p) return;
    const { data: ds, losses, seeds, steps, batchSize, name, description: _d, ...rest } = p;
    form.querySelector("#s-name").value = name ?? "";
    dataset.value = ds?.name ?? "ring8";
    for (const b of boxes) b.checked = losses === "all" || losses.includes(b.value);
    form.querySelector("#s-seeds").value = String(Array.isArray(seeds) ? seeds.length : seeds);
    form.querySelector("#s-steps").value = String(steps);
    form.querySelector("#s-batch").value = String(batchSize ?? 64);
    advanced.value = JSON.stringify(rest, null, 1);
  });

  let idemKey = randomKey();
  form.addEventListener("input", () => {
    idemKey = randomKey();
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    const losses = boxes.filter((b) => b.checked).map((b) => b.value);
    let spec = {
      data: { name: dataset.value },
      losses,
      seeds: Number(form.querySelector("#s-seeds").value),
      steps: Number(form.querySelector("#s-steps").value),
      batchSize: Number(form.querySelector("#s-batch").value),
    };
    const name = form.querySelector("#s-name").value.trim();
    if (name) spec.name = name;
    if (advanced.value.trim()) {
      try {
        spec = merge(spec, JSON.parse(advanced.value));
      } catch (err) {
        replace(status, errorBox(new Error(`Advanced JSON is not valid JSON: ${err.message}`)));
        return;
      }
    }
    try {
      const s = await api("v1/studies", { method: "POST", body: spec, headers: { "Idempotency-Key": idemKey } });
      idemKey = randomKey();
      onCreated(s);
    } catch (err) {
      replace(status, errorBox(err));
    }
  });
  return form;
}
