// The "start a training" form: dataset and loss selects, steps, seed, batch size, and optional advanced JSON
// merged over them. Shows an estimated duration as fields change, and each field's own error message (the
// browser's validation or the API's 422 issue for that field). Submits POST /v1/trainings with an Idempotency-Key.
import { api, randomKey } from "../api.js";
import { COSTS, LOSSES } from "../config.js";
import { errorBox, h, replace } from "../dom.js";
import { costInputs, estimateSeconds } from "../estimate.js";
import { fmtDuration, merge } from "../format.js";

/** The loss a first run starts with: finds all 8 ring8 modes with the 2-D defaults (see the dashboard README). */
export const DEFAULT_LOSS = "wgan-lp";

const field = (id, label, control, hint) =>
  h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hint && h("small", { id: `${id}-hint`, class: "hint" }, hint),
    h("small", { id: `${id}-error`, class: "field-error", hidden: true }),
  );

const number = (id, name, value, min, max) =>
  h("input", {
    id,
    name,
    type: "number",
    inputmode: "numeric",
    required: true,
    min,
    max,
    step: 1,
    value: String(value),
    "aria-describedby": `${id}-error`,
  });

/** Which form control an API issue path ("body.steps", "body.model.gHidden") belongs to. */
const FIELD_OF = { name: "f-name", "data.name": "f-dataset", "loss.name": "f-loss", steps: "f-steps", seed: "f-seed", batchSize: "f-batch" };

/** Builds the form; onStarted(training) is called after a successful submit. */
export function startForm(onStarted) {
  const dataset = h("select", { id: "f-dataset", name: "dataset", required: true }, h("option", { value: "" }, "Loading…"));
  const loss = h(
    "select",
    { id: "f-loss", name: "loss", required: true },
    LOSSES.map((l) => h("option", { value: l, selected: l === DEFAULT_LOSS }, l)),
  );
  const advanced = h("textarea", {
    id: "f-advanced",
    name: "advanced",
    rows: 5,
    spellcheck: "false",
    "aria-describedby": "f-advanced-hint f-advanced-error",
    placeholder: '{ "model": { "gHidden": [64, 64], "dHidden": [64, 64] }, "checkpointEvery": 100 }',
  });
  const estimate = h("output", { id: "f-estimate", for: "f-dataset f-loss f-steps f-batch f-advanced", "aria-live": "polite" });
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Start training");
  const form = h(
    "form",
    { class: "card start-form", "aria-labelledby": "start-title", novalidate: true },
    h("h2", { id: "start-title" }, "Start a training"),
    field(
      "f-name",
      "Name (optional)",
      h("input", { id: "f-name", name: "name", type: "text", maxlength: 200, autocomplete: "off", "aria-describedby": "f-name-error" }),
    ),
    field("f-dataset", "Dataset", dataset),
    field("f-loss", "Loss", loss),
    h(
      "div",
      { class: "row" },
      field("f-steps", "Steps", number("f-steps", "steps", COSTS.steps, 1, 10_000_000)),
      field("f-seed", "Seed", number("f-seed", "seed", 0, 0, 2 ** 31 - 1)),
      field("f-batch", "Batch size", number("f-batch", "batchSize", COSTS.batchSize, 1, 4096)),
    ),
    h(
      "details",
      { class: "advanced" },
      h("summary", null, "Advanced (JSON)"),
      field(
        "f-advanced",
        "Extra TrainingConfig fields",
        advanced,
        "Merged over the fields above, e.g. model widths, optimizers, regularizers, checkpointEvery.",
      ),
    ),
    h("p", { class: "estimate" }, "Estimated duration: ", estimate),
    h("div", { class: "actions" }, submit),
    status,
  );

  let runs = [];
  /** The listed datasets by name (built-ins and uploads): their kind and sample shape feed the estimate. */
  let datasets = new Map();
  const showError = (id, message) => {
    const control = form.querySelector(`#${id}`);
    const box = form.querySelector(`#${id}-error`);
    if (!control || !box) return false;
    box.textContent = message;
    box.hidden = !message;
    if (message && id === "f-advanced") advanced.closest("details").open = true;
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    return true;
  };
  const clearErrors = () => {
    for (const box of form.querySelectorAll(".field-error")) showError(box.id.slice(0, -"-error".length), "");
  };

  /** The request body, or null with the advanced field's message shown when its JSON is unusable. */
  const body = () => {
    const fd = new FormData(form);
    const b = {
      data: { name: String(fd.get("dataset")) },
      loss: { name: String(fd.get("loss")) },
      steps: Number(fd.get("steps")),
      seed: Number(fd.get("seed")),
      batchSize: Number(fd.get("batchSize")),
    };
    const name = String(fd.get("name") ?? "").trim();
    if (name) b.name = name;
    const extra = String(fd.get("advanced") ?? "").trim();
    if (!extra) return b;
    let parsed;
    try {
      parsed = JSON.parse(extra);
    } catch (err) {
      showError("f-advanced", `not valid JSON: ${err.message}`);
      return null;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      showError("f-advanced", "must be a JSON object of TrainingConfig fields");
      return null;
    }
    return merge(b, parsed);
  };

  const updateEstimate = () => {
    const b = body();
    const e = b ? estimateSeconds(b, (c) => costInputs(c, datasets.get(c.data?.name), COSTS), runs) : null;
    estimate.textContent = !e
      ? "unknown for this configuration"
      : `about ${fmtDuration(e.seconds)} (${e.from === "runs" ? `${e.arch} rate measured on ${e.runs} recent run${e.runs === 1 ? "" : "s"} here` : `${e.arch} calibrated on a 2-core machine`})`;
  };

  api("v1/datasets?limit=200")
    .then((page) => {
      datasets = new Map(page.data.map((d) => [d.name, d]));
      const opts = page.data.map((d) =>
        h("option", { value: d.name, selected: d.name === "ring8" }, `${d.id} · ${d.kind} ${d.sampleShape.join("×")}`),
      );
      replace(dataset, opts.length ? opts : h("option", { value: "" }, "No datasets"));
      updateEstimate();
    })
    .catch((err) => {
      replace(dataset, h("option", { value: "" }, "Unavailable"));
      replace(status, errorBox(err));
    });
  // Measured rates: this server's recent runs that logged a speed.
  api("v1/trainings?limit=25")
    .then((page) => {
      runs = page.data.filter((t) => t.progress?.stepsPerSecond > 0 && t.status === "succeeded");
      updateEstimate();
    })
    .catch(() => {});

  let idemKey = randomKey();
  form.addEventListener("input", (e) => {
    idemKey = randomKey(); // a changed form is a new request
    if (e.target.id) showError(e.target.id, "");
    updateEstimate();
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors();
    // The browser's own checks, shown beside each field rather than as a tooltip that vanishes.
    const invalid = [...form.elements].filter((el) => el.willValidate && !el.checkValidity());
    for (const el of invalid) showError(el.id, el.validationMessage);
    const b = invalid.length ? null : body();
    if (!b) {
      (invalid[0] ?? advanced).focus();
      return;
    }
    submit.disabled = true;
    replace(status, h("p", null, "Submitting…"));
    try {
      const t = await api("v1/trainings", { method: "POST", body: b, headers: { "Idempotency-Key": idemKey } });
      replace(status, h("p", null, `Started ${t.id}.`));
      idemKey = randomKey();
      window.dispatchEvent(new CustomEvent("gantry:changed"));
      onStarted(t);
    } catch (err) {
      // Field errors go beside their field; the rest (advanced JSON keys) beside the JSON, plus the summary.
      const issues = err?.issues ?? [];
      let first = null;
      for (const i of issues) {
        const path = String(i.path ?? "").replace(/^body\.?/, "");
        const id = FIELD_OF[path] ?? "f-advanced";
        const box = form.querySelector(`#${id}-error`);
        showError(
          id,
          box && !box.hidden ? `${box.textContent}; ${path}: ${i.message}` : id === "f-advanced" ? `${path || "(body)"}: ${i.message}` : i.message,
        );
        first ??= id;
      }
      if (first) form.querySelector(`#${first}`)?.focus();
      replace(status, errorBox(err));
      status.scrollIntoView({ block: "nearest" });
    } finally {
      submit.disabled = false;
    }
  });
  updateEstimate();
  return form;
}
