import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { JOB_EVENT_TYPES, LOSS_NAMES, STUDY_RUN_STATES, STUDY_STATES, TRAINING_STATES } from "@gantry/core";
import { call, testApp, type TestApp } from "../test-support.ts";
import { DASHBOARD_CSP, loadAssets } from "./index.ts";

/** Relative module specifiers of a JS source (static imports and re-exports). */
const importsOf = (src: string): string[] => [...src.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/gm)].map((m) => m[1]!);

describe("dashboard routes", () => {
  let t: TestApp;
  afterEach(() => t.cleanup());

  it("serves the page publicly with a same-origin CSP, while the API still wants a key", async () => {
    t = testApp();
    const res = await call(t.app, "GET", "/", { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="assets/main.js"></script>');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//); // no CDN or other origin
    expect((await call(t.app, "GET", "/v1/trainings", { key: null })).status).toBe(401);
    // Dashboard headers stay on dashboard responses.
    expect((await call(t.app, "GET", "/healthz", { key: null })).headers.get("content-security-policy")).toBeNull();
  });

  it("serves every asset the page and its modules reference, with the right types", async () => {
    t = testApp();
    const html = await (await call(t.app, "GET", "/", { key: null })).text();
    const queue = [...html.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(queue).toEqual(expect.arrayContaining(["assets/main.js", "assets/app.css", "assets/icon.svg"]));
    const seen = new Set<string>();
    while (queue.length > 0) {
      const rel = queue.pop()!;
      if (seen.has(rel)) continue;
      seen.add(rel);
      const res = await call(t.app, "GET", `/${rel}`, { key: null });
      expect(res.status, rel).toBe(200);
      const ext = rel.slice(rel.lastIndexOf("."));
      const type = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml" }[ext];
      expect(res.headers.get("content-type"), rel).toBe(type);
      if (ext === ".js") {
        const base = new URL(`http://x/${rel}`);
        for (const spec of importsOf(await res.text())) queue.push(new URL(spec, base).pathname.slice(1));
      }
    }
    // main.js, its views and helpers, and the generated config: the whole module graph was reached.
    expect([...seen].filter((r) => r.endsWith(".js")).length).toBeGreaterThanOrEqual(12);
    expect(seen).toContain("assets/config.js");
  });

  it("offers exactly the trainer's losses", async () => {
    t = testApp();
    const src = await (await call(t.app, "GET", "/assets/config.js", { key: null })).text();
    const list = JSON.parse(/export const LOSSES = (\[.*\]);/.exec(src)![1]!) as string[];
    expect(list).toEqual([...LOSS_NAMES]);
    expect(list).toHaveLength(12);
    // Training states and event types are core's, served, not re-declared in the page code.
    expect(JSON.parse(/export const TRAINING_STATES = (\[.*\]);/.exec(src)![1]!)).toEqual([...TRAINING_STATES]);
    expect(JSON.parse(/export const TERMINAL_STATES = (\[.*\]);/.exec(src)![1]!)).toEqual(["succeeded", "failed", "canceled"]);
    expect(JSON.parse(/export const EVENT_TYPES = (\[.*\]);/.exec(src)![1]!)).toEqual([...JOB_EVENT_TYPES]);
    // So are the study states and which of them end a study or keep a run page polling.
    expect(JSON.parse(/export const STUDY_STATES = (\[.*\]);/.exec(src)![1]!)).toEqual([...STUDY_STATES]);
    expect(JSON.parse(/export const STUDY_TERMINAL_STATES = (\[.*\]);/.exec(src)![1]!)).toEqual(["succeeded", "failed"]);
    expect(JSON.parse(/export const STUDY_RUN_ACTIVE_STATES = (\[.*\]);/.exec(src)![1]!)).toEqual(["pending", "queued", "running"]);
  });

  it("page code lists no training or study states itself (they come from config.js)", () => {
    const states = [...new Set<string>([...STUDY_RUN_STATES, ...STUDY_STATES])].join("|");
    // A list of two or more state names, as an array or Set literal, is a re-declared contract.
    const list = new RegExp(`\\[\\s*"(${states})"\\s*,\\s*"(${states})"`);
    const offenders = [...loadAssets()]
      .filter(([k, a]) => k.endsWith(".js") && k !== "config.js" && !k.startsWith("vendor/") && list.test(a.body))
      .map(([k]) => k);
    expect(offenders).toEqual([]);
  });

  it("answers 404 for unknown assets, the page itself under /assets, and escapes from the folder", async () => {
    t = testApp();
    for (const p of ["/assets/nope.js", "/assets/index.html", "/assets/%2e%2e/index.ts", "/assets/..%2findex.ts", "/assets/chart.d.ts"]) {
      const res = await call(t.app, "GET", p, { key: null });
      expect(res.status, p).toBe(404);
    }
  });
});

describe("dashboard assets", () => {
  it("every JavaScript file is valid module syntax", () => {
    const js = [...loadAssets().keys()].filter((k) => k.endsWith(".js") && k !== "config.js" && !k.startsWith("vendor/"));
    expect(js.length).toBeGreaterThanOrEqual(11);
    const files = js.map((rel) => fileURLToPath(new URL(`./assets/${rel}`, import.meta.url)));
    // One Node process parses them all as ES modules (constructing a SourceTextModule parses without running).
    const script = `const vm = require("node:vm"); const fs = require("node:fs");
      for (const f of JSON.parse(process.argv[1])) {
        try { new vm.SourceTextModule(fs.readFileSync(f, "utf8"), { identifier: f }); }
        catch (e) { console.log(f + ": " + e.message); }
      }`;
    const out = execFileSync(process.execPath, ["--experimental-vm-modules", "--no-warnings", "-e", script, JSON.stringify(files)], {
      encoding: "utf8",
    });
    expect(out).toBe("");
  });
});
