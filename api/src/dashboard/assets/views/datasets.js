// Datasets view: the built-in and uploaded datasets, and an upload form that sends each chosen file on its own
// (POST /v1/datasets?name=<file>), so the server's validation message is shown beside the file it is about.
import { api, authHeaders, failure, randomKey, url } from "../api.js";
import { errorBox, h, replace, scrollBox } from "../dom.js";

/** Uploads one file; resolves the stored dataset, rejects with ApiError (its 422 names the file and the problem). */
async function upload(file) {
  const res = await fetch(url(`v1/datasets?${new URLSearchParams({ name: file.name })}`), {
    method: "POST",
    body: file,
    headers: { "Content-Type": "application/octet-stream", Accept: "application/json", "Idempotency-Key": randomKey(), ...authHeaders() },
  });
  if (!res.ok) throw await failure(res);
  return res.json();
}

const row = (d) =>
  h(
    "tr",
    { dataset: { id: d.id } },
    h("th", { scope: "row" }, h("code", null, d.name)),
    h("td", null, d.kind),
    h("td", null, d.sampleShape.join(" × ")),
    h("td", { class: "num" }, d.size == null ? "∞" : String(d.size)),
    h("td", null, d.description ?? ""),
  );

/** Mounts the datasets view; returns the cleanup function. */
export function mountDatasets(root) {
  const input = h("input", {
    id: "ds-files",
    type: "file",
    multiple: true,
    required: true,
    accept: ".npy,.csv,.idx,.zip,.tar,.gz,.ubyte",
    "aria-describedby": "ds-hint",
  });
  const results = h("ul", { class: "plain upload-results", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "ds-up" },
    h("h2", { id: "ds-up" }, "Upload"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "ds-files" }, "Files"),
      input,
      h(
        "small",
        { id: "ds-hint", class: "hint" },
        ".npy (float32/float64/uint8), IDX, CSV of numbers, or a .zip/.tar of same-size PNGs. Each file becomes one dataset; each is validated on its own.",
      ),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Upload")),
    results,
  );
  const tbody = h("tbody");
  const message = h("div");
  replace(
    root,
    h("h1", null, "Datasets"),
    h(
      "div",
      { class: "split" },
      form,
      h(
        "section",
        { class: "card", "aria-labelledby": "ds-list" },
        h("h2", { id: "ds-list" }, "Available"),
        scrollBox(
          "Datasets table",
          h(
            "table",
            null,
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                ["Name", "Kind", "Sample shape", "Samples", "Description"].map((c) => h("th", { scope: "col" }, c)),
              ),
            ),
            tbody,
          ),
        ),
        message,
      ),
    ),
  );
  const ctrl = new AbortController();
  const load = async () => {
    try {
      const page = await api("v1/datasets?limit=200", { signal: ctrl.signal });
      replace(tbody, page.data.map(row));
    } catch (err) {
      if (err?.name !== "AbortError") replace(message, errorBox(err));
    }
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    results.replaceChildren();
    for (const file of input.files) {
      const li = h("li", { dataset: { file: file.name } }, h("code", null, file.name), ": uploading…");
      results.append(li);
      try {
        const d = await upload(file);
        replace(
          li,
          h("code", null, file.name),
          ` → stored as `,
          h("code", null, d.name),
          ` (${d.sampleShape.join(" × ")}, ${d.size ?? "?"} samples)`,
        );
        li.dataset.state = "stored";
      } catch (err) {
        replace(li, h("code", null, file.name), ":", errorBox(err));
        li.dataset.state = "rejected";
      }
    }
    void load();
  });
  void load();
  return () => ctrl.abort();
}
