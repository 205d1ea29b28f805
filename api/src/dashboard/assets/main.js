// Entry module: hash router, API key dialog, health line. Each view exports mount(root, params) → cleanup().
import { api, getKey, setKey } from "./api.js";
import { mountCompare } from "./views/compare.js";
import { mountDatasets } from "./views/datasets.js";
import { mountModel } from "./views/model-detail.js";
import { mountModels } from "./views/models.js";
import { mountStudies } from "./views/studies.js";
import { mountStudyRun } from "./views/study-run.js";
import { mountTrainingDetail } from "./views/training-detail.js";
import { mountTrainings } from "./views/trainings.js";

const ROUTES = [
  { re: /^#\/trainings\/([^/]+)$/, nav: "trainings", mount: (root, m) => mountTrainingDetail(root, decodeURIComponent(m[1])) },
  { re: /^#\/models$/, nav: "models", mount: (root) => mountModels(root) },
  { re: /^#\/models\/([^/]+)$/, nav: "models", mount: (root, m) => mountModel(root, decodeURIComponent(m[1])) },
  {
    re: /^#\/compare(?:\/([^/]+)\/([^/]+))?$/,
    nav: "trainings",
    mount: (root, m) => mountCompare(root, m[1] ? decodeURIComponent(m[1]) : null, m[2] ? decodeURIComponent(m[2]) : null),
  },
  { re: /^#\/datasets$/, nav: "datasets", mount: (root) => mountDatasets(root) },
  {
    re: /^#\/studies\/([^/]+)\/runs\/([^/]+)$/,
    nav: "studies",
    mount: (root, m) => mountStudyRun(root, decodeURIComponent(m[1]), decodeURIComponent(m[2])),
  },
  { re: /^#\/studies(?:\/([^/]+))?$/, nav: "studies", mount: (root, m) => mountStudies(root, m[1] ? decodeURIComponent(m[1]) : null) },
  { re: /^(?:#\/?|#\/trainings)?$/, nav: "trainings", mount: (root) => mountTrainings(root) },
];

const main = document.getElementById("main");
let cleanup = () => {};

function route() {
  cleanup();
  const hash = location.hash;
  const match = ROUTES.map((r) => ({ r, m: r.re.exec(hash) })).find((x) => x.m);
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (match && a.dataset.nav === match.r.nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  main.replaceChildren();
  if (!match) {
    const p = document.createElement("p");
    p.className = "notice";
    p.textContent = `Nothing at ${hash}. `;
    const back = Object.assign(document.createElement("a"), { href: "#/trainings", textContent: "Back to trainings" });
    p.append(back);
    main.append(p);
    cleanup = () => {};
    return;
  }
  cleanup = match.r.mount(main, match.m) ?? (() => {});
  // Move focus to the new view's heading so keyboard and screen-reader users land on it.
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
}

// --- API key -------------------------------------------------------------------------------------------------

const dialog = document.getElementById("key-dialog");
const keyInput = document.getElementById("key-input");
const keyReason = document.getElementById("key-reason");

function showKeyState() {
  document.getElementById("key-state").textContent = getKey() ? "API key set" : "No API key";
}

function openKeyDialog(reason) {
  if (dialog.open) return;
  keyReason.textContent = reason || "Enter an API key if this server requires one (GANTRY_API_KEYS).";
  keyInput.value = getKey();
  dialog.showModal();
}

document.getElementById("key-button").addEventListener("click", () => openKeyDialog(""));
dialog.addEventListener("close", () => {
  if (dialog.returnValue === "save" && keyInput.value.trim()) setKey(keyInput.value.trim());
  else if (dialog.returnValue === "clear") setKey("");
});
window.addEventListener("gantry:unauthorized", (e) => {
  const why = e.detail ? `The server refused the request: ${e.detail}.` : "The server requires an API key.";
  openKeyDialog(`${why} Enter a key with the train scope.`);
});
window.addEventListener("gantry:key", () => {
  showKeyState();
  route(); // reload the view with the new credentials
});

// --- health ------------------------------------------------------------------------------------------------

async function health() {
  const el = document.getElementById("health");
  try {
    const h = await api("healthz");
    const store = h.checks?.storage?.ok === false ? ` (storage ${h.checks.storage.detail})` : "";
    el.textContent = `API ${h.version} · ${h.backend} · ${h.runner.running} running, ${h.runner.queued} queued · ${h.storage}${store}`;
  } catch (err) {
    el.textContent = `API unreachable: ${err.message}`;
  }
}

showKeyState();
window.addEventListener("gantry:changed", () => void health()); // a training started or ended
window.addEventListener("hashchange", route);
route();
void health();
setInterval(() => {
  if (document.visibilityState === "visible") void health();
}, 10_000);
