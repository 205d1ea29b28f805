// One training: live progress over SSE, curves of every logged and evaluated metric, any checkpoint's samples (for
// 2-D data over the critic's field), events, cancel and resume.
import { api } from "../api.js";
import { followEvents } from "../events.js";
import { badge, errorBox, h, progressBar, replace } from "../dom.js";
import { fmtDuration, fmtNum, fmtRate } from "../format.js";
import { isTerminal } from "../states.js";
import { METRIC_LABELS, STEP_CHARTS, addLine, createStore } from "../series.js";
import { checkpointPanel } from "./checkpoint-panel.js";
import { curveChart } from "./curve-chart.js";

const MAX_LOG = 40;

const dl = (pairs) =>
  h(
    "dl",
    { class: "facts" },
    pairs.map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
  );

/** Mounts the detail view of training `id`; returns the cleanup function. */
export function mountTrainingDetail(root, id) {
  const facts = h("div", { class: "facts-wrap" }, h("p", null, "Loading…"));
  const conn = h("span", { class: "conn", "data-state": "connecting" }, "connecting");
  const announce = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const cancel = h("button", { type: "button", class: "danger", hidden: true }, "Cancel training");
  // Offered for canceled and failed runs; the server decides the rest and its 409 says why (e.g. diverged).
  const resume = h("button", { type: "button", class: "secondary", hidden: true }, "Resume training");
  const notice = h("div");
  const store = createStore();
  const stepCharts = STEP_CHARTS.map((c) => curveChart({ title: c.title, labels: c.labels, log: c.log }));
  const evalCharts = new Map(); // metric → chart, created when the metric first appears
  const evalsEl = h(
    "div",
    { class: "curves" },
    h("p", { class: "hint" }, "Evaluation metrics appear here at each evaluation (evalEvery; at least at the end)."),
  );
  let panel = null;
  const panelSlot = h("div", null, h("p", { class: "hint" }, "Loading…"));
  const log = h("ol", { class: "log", reversed: true, tabindex: 0, "aria-label": "Events, newest first" });
  const config = h("pre", { class: "config", tabindex: 0, "aria-label": "Configuration (JSON)" });
  replace(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/trainings" }, "← Trainings")),
    h("h1", null, "Training ", h("code", null, id)),
    announce,
    notice,
    h(
      "div",
      { class: "detail" },
      h(
        "section",
        { class: "card", "aria-labelledby": "sum-title" },
        h("div", { class: "list-head" }, h("h2", { id: "sum-title" }, "Progress"), h("span", null, "Events: ", conn)),
        facts,
        h("div", { class: "actions" }, cancel, resume, h("a", { href: `#/models/${encodeURIComponent(id)}` }, "Model page")),
      ),
      h("section", { class: "card", "aria-labelledby": "samples-h" }, h("h2", { id: "samples-h" }, "Checkpoints"), panelSlot),
      h(
        "section",
        { class: "card wide", "aria-labelledby": "chart-h" },
        h("h2", { id: "chart-h" }, "Training curves"),
        h(
          "div",
          { class: "curves" },
          stepCharts.map((c) => c.el),
        ),
      ),
      h("section", { class: "card wide", "aria-labelledby": "eval-h" }, h("h2", { id: "eval-h" }, "Evaluation"), evalsEl),
      h("section", { class: "card", "aria-labelledby": "log-h" }, h("h2", { id: "log-h" }, "Events"), log),
      h(
        "section",
        { class: "card", "aria-labelledby": "cfg-h" },
        h("details", null, h("summary", null, h("h2", { id: "cfg-h", class: "inline" }, "Configuration")), config),
      ),
    ),
  );

  let training = null;
  let stop = () => {};
  let drawQueued = false;
  const ctrl = new AbortController();

  const render = () => {
    if (!training) return;
    const t = training;
    const m = t.latestMetrics ?? {};
    replace(
      facts,
      dl(
        [
          ["Status", badge(t.status)],
          ["Progress", progressBar(t.progress.step, t.progress.steps, "Training progress")],
          ["Loss", t.config.loss.name],
          ["Dataset", t.config.data.name],
          ["Steps/s", fmtRate(t.progress.stepsPerSecond)],
          ["ETA", isTerminal(t.status) ? "—" : fmtDuration(t.progress.etaSeconds)],
          ["D loss", fmtNum(m.dLoss)],
          ["G loss", fmtNum(m.gLoss)],
          ["Seed", String(t.config.seed)],
          ["Created", t.createdAt],
          t.finishedAt ? ["Finished", t.finishedAt] : null,
          t.error ? ["Error", `${t.error.code}: ${t.error.message}`] : null,
        ].filter(Boolean),
      ),
    );
    facts.dataset.status = t.status;
    cancel.hidden = isTerminal(t.status);
    resume.hidden = t.status !== "canceled" && t.status !== "failed";
  };
  // Events can arrive dozens per second; the page redraws at most four times a second.
  const schedule = () => {
    if (drawQueued) return;
    drawQueued = true;
    setTimeout(() => {
      drawQueued = false;
      render();
      drawCurves();
    }, 250);
  };
  const drawCurves = () => {
    STEP_CHARTS.forEach((c, i) =>
      stepCharts[i].update(
        store.steps,
        c.keys.map((k) => store.cols[k] ?? []),
      ),
    );
    for (const [k, col] of Object.entries(store.evals)) {
      if (!evalCharts.has(k)) {
        const chart = curveChart({ title: METRIC_LABELS[k] ?? k, labels: [k], smoothing: false });
        if (evalCharts.size === 0) evalsEl.replaceChildren();
        evalCharts.set(k, chart);
        evalsEl.append(chart.el);
      }
      evalCharts.get(k).update(store.evalSteps, [col]);
    }
  };
  const addMetric = (line) => {
    if (addLine(store, line) === "step" && training) {
      training.latestMetrics = { ...(training.latestMetrics ?? {}), dLoss: line.dLoss, gLoss: line.gLoss };
    }
  };
  // The checkpoints that still exist (keepLast prunes old ones); asked only once the run has ended, since a run
  // without a checkpoint yet has no model (404). While it runs, checkpoint events add versions.
  const loadVersions = async () => {
    const model = await api(`v1/models/${encodeURIComponent(id)}`, { signal: ctrl.signal }).catch(() => null);
    if (model)
      panel?.setVersions(
        model.versions.map((v) => v.step),
        true,
      );
  };
  const addLog = (e) => {
    const text = e.type === "status" ? `status → ${e.data.status}${e.data.error ? ` (${e.data.error.message})` : ""}` : String(e.data.message ?? "");
    log.prepend(h("li", { dataset: { type: e.type } }, h("time", { datetime: e.time }, e.time.slice(11, 19)), " ", text));
    while (log.children.length > MAX_LOG) log.lastElementChild.remove();
  };

  const onEvent = async (e) => {
    if (!training) return;
    if (e.type === "progress") Object.assign(training.progress, e.data);
    else if (e.type === "metric") addMetric(e.data);
    else if (e.type === "log") {
      addLog(e);
      if (typeof e.data.checkpoint === "number") panel?.setVersions([e.data.checkpoint]);
    } else if (e.type === "status") {
      addLog(e);
      training.status = e.data.status;
      if (isTerminal(e.data.status)) {
        stop();
        replace(conn, "ended");
        conn.dataset.state = "ended";
        announce.textContent = `Training ${e.data.status}.`;
        window.dispatchEvent(new CustomEvent("gantry:changed"));
        try {
          training = await api(`v1/trainings/${encodeURIComponent(id)}`, { signal: ctrl.signal });
        } catch {
          // Keep what the events said; the next visit reloads.
        }
        await loadVersions();
      }
    }
    schedule();
  };

  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    try {
      training = await api(`v1/trainings/${encodeURIComponent(id)}/cancel`, { method: "POST" });
      render();
    } catch (err) {
      replace(notice, errorBox(err));
    } finally {
      cancel.disabled = false;
    }
  });

  resume.addEventListener("click", async () => {
    resume.disabled = true;
    try {
      await api(`v1/trainings/${encodeURIComponent(id)}/resume`, { method: "POST" });
      window.dispatchEvent(new CustomEvent("gantry:changed"));
      // Mount the page afresh: its event stream ended with the old terminal status and starts over from the first event.
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } catch (err) {
      replace(notice, errorBox(err));
      resume.disabled = false;
    }
  });

  (async () => {
    try {
      training = await api(`v1/trainings/${encodeURIComponent(id)}`, { signal: ctrl.signal });
      const metrics = await api(`v1/trainings/${encodeURIComponent(id)}/metrics`, { signal: ctrl.signal });
      config.textContent = JSON.stringify(training.config, null, 2);
      for (const line of metrics.data) addMetric(line);
      drawCurves();
      render();
      // 2-D data get the critic-field picture; the dataset list says which shape the samples have.
      const datasets = await api("v1/datasets?limit=200", { signal: ctrl.signal }).catch(() => ({ data: [] }));
      const ds = datasets.data.find((d) => d.name === training.config.data.name);
      panel = checkpointPanel(id, { twoD: ds?.sampleShape?.length === 1 && ds.sampleShape[0] === 2 });
      replace(panelSlot, panel.el);
      if (isTerminal(training.status)) await loadVersions();
      // The stream replays every kept event from the start, so checkpoints and the log fill in even for old runs,
      // and a finished run's stream ends with its terminal status (which shows its final samples).
      stop = followEvents(
        id,
        (e) => void onEvent(e),
        (state) => {
          if (conn.dataset.state === "ended") return;
          conn.dataset.state = state;
          replace(conn, state);
        },
      );
    } catch (err) {
      if (err?.name === "AbortError") return;
      replace(facts, errorBox(err));
    }
  })();
  return () => {
    stop();
    ctrl.abort();
    panel?.dispose();
    for (const c of [...stepCharts, ...evalCharts.values()]) c.destroy();
  };
}
