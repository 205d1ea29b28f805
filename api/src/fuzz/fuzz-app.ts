/** The app the fuzzer drives: test fakes over temp storage, a seeded model, a study service, no rate limit. */
import { readFileSync } from "node:fs";
import type { StudiesService, StudyView } from "../deps.ts";
import { SAMPLE_KEY, seedTraining, testApp, TRAIN_KEY, type TestApp } from "../test-support.ts";
import type { Doc, FuzzRequest } from "./openapi-arbitraries.ts";

export const FUZZ_KEYS = [TRAIN_KEY, SAMPLE_KEY];

export function apiDocument(): Doc {
  return JSON.parse(readFileSync(new URL("../../openapi.json", import.meta.url), "utf8")) as Doc;
}

function studies(): StudiesService {
  const all = new Map<string, StudyView>();
  return {
    async create(spec) {
      const s: StudyView = { id: `s-${all.size + 1}`, status: "queued", spec };
      all.set(s.id, s);
      return s;
    },
    get: async (id) => all.get(id) ?? null,
    report: async (id) => (all.has(id) ? "# report" : null),
  };
}

export async function fuzzApp(): Promise<TestApp> {
  const t = testApp({ limits: { rateLimit: null, jsonBodyBytes: 64 * 1024, uploadBytes: 64 * 1024 }, studies: studies() });
  await seedTraining(t.storage, "m-1", { status: "succeeded", steps: [10, 20] });
  return t;
}

/** Sends one fuzzed request; returns why it broke the contract, or null when it held. */
export async function check(t: TestApp, r: FuzzRequest): Promise<string | null> {
  const res = await t.app.request(r.path, { method: r.method, headers: r.headers, body: r.body as BodyInit | undefined });
  const type = res.headers.get("content-type") ?? "";
  await res.arrayBuffer();
  if (res.status >= 500) return `${r.method} ${r.path} → ${res.status}`;
  if (res.status >= 400 && type !== "application/problem+json") return `${r.method} ${r.path} → ${res.status} as ${type}`;
  return null;
}
