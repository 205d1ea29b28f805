// The "start a training" form: dataset and loss selects, steps, seed, batch size, and optional advanced JSON
// merged over them. Submits POST /v1/trainings with an Idempotency-Key so a double submit starts one run.
import { api, randomKey } from "../api.js";
import { LOSSES } from "../config.js";
import { errorBox, h, replace } from "../dom.js";
import { merge } from "../format.js";

const field = (id, label, control, hint) =>
  h("div", { class: "field" }, h("label", { for: id }, label), control, hint && h("small", { id: `${id}-hint`, class: "hint" }, hint));

const number = (id, name, value, min, max) =>
  h("input", { id, name, type: "number", inputmode: "numeric", required: true, min, max, step: 1, value: String(value) });

/** Builds the form; onStarted(training) is called after a successful submit. */
export function startForm(onStarted) {
  const dataset = h("select", { id: "f-dataset", name: "dataset", required: true }, h("option", { value: "" }, "Loading…"));
  const loss = h("select", { id: "f-loss", name: "loss", required: true },
    LOSSES.map((l) => h("option", { value: l, selected: l === "ns" }, l)));
  const advanced = h("textarea", {
    id: "f-advanced", name: "advanced", rows: 5, spellcheck: "false", "aria-describedby": "f-advanced-hint",
    placeholder: '{ "model": { "gHidden": [64, 64], "dHidden": [64, 64] }, "checkpointEvery": 100 }',
  });
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Start training");
  const form = h("form", { class: "card start-form", "aria-labelledby": "start-title" },
    h("h2", { id: "start-title" }, "Start a training"),
    field("f-name", "Name (optional)", h("input", { id: "f-name", name: "name", type: "text", maxlength: 200, autocomplete: "off" })),
    field("f-dataset", "Dataset", dataset),
    field("f-loss", "Loss", loss),
    h("div", { class: "row" },
      field("f-steps", "Steps", number("f-steps", "steps", 2000, 1, 10_000_000)),
      field("f-seed", "Seed", number("f-seed", "seed", 0, 0, 2 ** 31 - 1)),
      field("f-batch", "Batch size", number("f-batch", "batchSize", 64, 1, 4096))),
    h("details", { class: "advanced" },
      h("summary", null, "Advanced (JSON)"),
      field("f-advanced", "Extra TrainingConfig fields", advanced,
        "Merged over the fields above, e.g. model widths, optimizers, regularizers, checkpointEvery.")),
    h("div", { class: "actions" }, submit),
    status);

  api("v1/datasets?limit=200").then((page) => {
    const opts = page.data.map((d) => h("option", { value: d.name, selected: d.name === "ring8" },
      `${d.id} · ${d.kind} ${d.sampleShape.join("×")}`));
    replace(dataset, opts.length ? opts : h("option", { value: "" }, "No datasets"));
  }).catch((err) => {
    replace(dataset, h("option", { value: "" }, "Unavailable"));
    replace(status, errorBox(err));
  });

  let idemKey = randomKey();
  form.addEventListener("input", () => { idemKey = randomKey(); }); // a changed form is a new request
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    const fd = new FormData(form);
    let body = {
      data: { name: String(fd.get("dataset")) },
      loss: { name: String(fd.get("loss")) },
      steps: Number(fd.get("steps")),
      seed: Number(fd.get("seed")),
      batchSize: Number(fd.get("batchSize")),
    };
    const name = String(fd.get("name") ?? "").trim();
    if (name) body.name = name;
    const extra = String(fd.get("advanced") ?? "").trim();
    if (extra) {
      let parsed;
      try {
        parsed = JSON.parse(extra);
      } catch (err) {
        replace(status, errorBox(new Error(`Advanced JSON is not valid JSON: ${err.message}`)));
        advanced.focus();
        return;
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        replace(status, errorBox(new Error("Advanced JSON must be an object of TrainingConfig fields")));
        advanced.focus();
        return;
      }
      body = merge(body, parsed);
    }
    submit.disabled = true;
    replace(status, h("p", null, "Submitting…"));
    try {
      const t = await api("v1/trainings", { method: "POST", body, headers: { "Idempotency-Key": idemKey } });
      replace(status, h("p", null, `Started ${t.id}.`));
      idemKey = randomKey();
      window.dispatchEvent(new CustomEvent("gantry:changed"));
      onStarted(t);
    } catch (err) {
      replace(status, errorBox(err));
      status.scrollIntoView({ block: "nearest" });
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
