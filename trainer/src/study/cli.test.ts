import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studyMain, STUDY_HELP } from "./cli.ts";
import { listPresets, loadPreset } from "./presets.ts";
import { parseStudyConfig, expandStudy } from "./config.ts";
import { createStudyProgress, progressLine } from "./progress.ts";
import { STUDY_BIN } from "./spawn.ts";
import { newStudyDocument } from "./state.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gantry-study-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io() {
  let out = "";
  let err = "";
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

describe("gantry-study", () => {
  it("documents every option and exit code", async () => {
    const h = io();
    expect(await studyMain(["--help"], h.io)).toBe(0);
    for (const flag of ["--config", "--preset", "--storage", "--id", "--workers", "--backend", "--no-samples"]) {
      expect(STUDY_HELP).toContain(flag);
    }
    expect(h.out()).toMatch(/ring8-all-losses/);
    expect(h.out()).toMatch(/3 interrupted/);
  });

  it("exits 2 for bad usage, unknown presets and invalid configs (naming the field)", async () => {
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ data: { name: "ring8" }, losses: ["ns"], seeds: 1, steps: 10, workerz: 2 }));
    const storage = `file://${dir}/store`;
    const cases: [string[], RegExp][] = [
      [[], /--config, --preset or --id is required/],
      [["--config", "a.json", "--preset", "x"], /not both/],
      [["--preset", "nope"], /unknown preset "nope"; bundled presets: .*ring8-all-losses/],
      [["--config", path.join(dir, "missing.json")], /cannot read --config/],
      [["--config", bad, "--workers", "0"], /--workers must be a positive integer/],
      [["--config", bad, "--storage", storage], /invalid study config: workerz: unknown key/],
      [["--id", "never-made", "--storage", storage], /study never-made does not exist/],
      [["--id", "../x", "--config", bad], /invalid --id/],
    ];
    for (const [argv, message] of cases) {
      const h = io();
      expect(await studyMain(argv, h.io), argv.join(" ")).toBe(2);
      expect(h.err()).toMatch(message);
    }
  });

  it("runs through the real bin (tsx registered) from another directory", () => {
    const r = spawnSync(process.execPath, [STUDY_BIN, "--preset", "nope"], { cwd: tmpdir(), encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown preset/);
  }, 60_000);
});

describe("presets", () => {
  it("every bundled preset is a valid study", async () => {
    expect(listPresets()).toEqual(expect.arrayContaining(["mnist-core-losses", "mnist-core-losses-tiny", "ring8-all-losses"]));
    for (const name of listPresets()) {
      const c = parseStudyConfig(await loadPreset(name), { cores: 2 });
      expect(c.description, name).toBeTruthy();
    }
    const ring = parseStudyConfig(await loadPreset("ring8-all-losses"));
    expect([ring.losses.length, ring.seeds.length, ring.model.arch]).toEqual([12, 3, "mlp2d"]);
    const mnist = parseStudyConfig(await loadPreset("mnist-core-losses"));
    expect(mnist.losses).toEqual(["ns", "lsgan", "wgan-gp", "hinge", "rasgan"]);
    expect([mnist.seeds.length, mnist.model.arch]).toEqual([2, "mlp"]);
  });
});

describe("study progress", () => {
  const doc = () => {
    const c = parseStudyConfig({ data: { name: "ring8" }, losses: ["ns", "hinge"], seeds: 2, steps: 100 });
    return newStudyDocument("p", c, expandStudy(c));
  };

  it("formats the bar over the whole grid", () => {
    const d = doc();
    Object.assign(d.progress, { done: 1, running: 2, failed: 1, fraction: 0.5, etaSeconds: 65 });
    expect(progressLine(d, 10)).toBe("[#####.....] 1/4 runs  2 running  1 failed  50%  ETA 1:05");
  });

  it("prints plain lines when a run ends or the interval passed, one redrawn line on a TTY", () => {
    const lines: string[] = [];
    let t = 0;
    const p = createStudyProgress({ write: (s) => lines.push(s), tty: false, intervalMs: 1000, now: () => t });
    const d = doc();
    p.update(d); // first
    t = 500;
    p.update(d); // suppressed
    d.progress.done = 1;
    p.update(d); // a run ended
    t = 1600;
    p.update(d); // interval passed
    expect(lines.map((l) => l.split("  ")[0]!.split(" ")[1])).toEqual(["0/4", "1/4", "1/4"]);
    let out = "";
    const tty = createStudyProgress({ write: (s) => (out += s), tty: true, columns: 80 });
    tty.update(d);
    tty.finish();
    expect(out).toMatch(/^\r\[.{24}\] 1\/4 runs .*\n$/);
  });
});
