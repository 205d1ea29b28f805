import { AbortError, WaitTimeoutError } from "../core/errors.ts";
import { PagePromise } from "../core/pagination.ts";
import { sleep } from "../core/retry.ts";
import { withDeadline } from "../core/signals.ts";
import { readBody, type RequestOptions, type Transport } from "../core/transport.ts";
import type {
  ListStudiesParams,
  MetricLine,
  MetricsParams,
  PageBody,
  ReportParams,
  Study,
  StudyCurves,
  StudyCurvesParams,
  StudyRun,
  StudySpec,
} from "../types.ts";

const seg = encodeURIComponent;

/**
 * Study states after which nothing changes. The API types `status` as a free string; these are the training
 * states' terminal names, which the study engine is expected to share.
 */
export const TERMINAL_STUDY_STATES: ReadonlySet<string> = new Set(["succeeded", "failed", "canceled"]);

export interface StudyWaitOptions {
  signal?: AbortSignal;
  /** Give up (WaitTimeoutError) after this many ms. */
  timeout?: number;
  /** Time between polls (ms). Default 2000. */
  pollInterval?: number;
  /** Called with each polled state. */
  onProgress?: (study: Study) => void;
}

/** /v1/studies */
export class Studies {
  constructor(private readonly t: Transport) {}

  create(spec: StudySpec, opts?: RequestOptions): Promise<Study> {
    return this.t.json<Study>({ method: "POST", path: "/v1/studies", json: spec }, opts);
  }

  /** Newest first; `await` for one page or `for await` over every study. */
  list(params: ListStudiesParams = {}, opts?: RequestOptions): PagePromise<Study> {
    return new PagePromise((cursor) => this.t.json<PageBody<Study>>({ method: "GET", path: "/v1/studies", query: { ...params, cursor } }, opts));
  }

  get(id: string, opts?: RequestOptions): Promise<Study> {
    return this.t.json<Study>({ method: "GET", path: `/v1/studies/${seg(id)}` }, opts);
  }

  /** The report as HTML (default) or Markdown text. */
  async report(id: string, params: ReportParams = {}, opts?: RequestOptions): Promise<string> {
    const res = await this.t.send({ method: "GET", path: `/v1/studies/${seg(id)}/report`, query: { ...params } }, opts);
    return readBody(res, (r) => r.text(), opts?.signal);
  }

  /** A metric (default: the study's primary one) against step per loss, as mean and 95 % CI over seeds. */
  curves(id: string, params: StudyCurvesParams = {}, opts?: RequestOptions): Promise<StudyCurves> {
    return this.t.json<StudyCurves>({ method: "GET", path: `/v1/studies/${seg(id)}/curves`, query: { ...params } }, opts);
  }

  /** One run of the study: its state, config, final metrics and newest checkpoint step. */
  run(id: string, runId: string, opts?: RequestOptions): Promise<StudyRun> {
    return this.t.json<StudyRun>({ method: "GET", path: `/v1/studies/${seg(id)}/runs/${seg(runId)}` }, opts);
  }

  /** A study run's metrics.jsonl lines in step order (`since`: only steps after it). Its samples: `samples.studyRunPng`. */
  async runMetrics(id: string, runId: string, params: MetricsParams = {}, opts?: RequestOptions): Promise<MetricLine[]> {
    const path = `/v1/studies/${seg(id)}/runs/${seg(runId)}/metrics`;
    return (await this.t.json<{ data: MetricLine[] }>({ method: "GET", path, query: { ...params } }, opts)).data;
  }

  /** Polls until the study reaches a terminal state and returns it (check `status`). */
  async wait(id: string, opts: StudyWaitOptions = {}): Promise<Study> {
    const d = withDeadline(opts.signal, opts.timeout, `waiting for study ${id}`);
    const o = d.signal ? { signal: d.signal } : {};
    try {
      for (;;) {
        const s = await this.get(id, o);
        opts.onProgress?.(s);
        if (TERMINAL_STUDY_STATES.has(s.status)) return s;
        await sleep(opts.pollInterval ?? 2000, d.signal);
      }
    } catch (err) {
      if (d.timedOut() && err instanceof AbortError)
        throw new WaitTimeoutError(`study ${id} did not finish within ${opts.timeout} ms`, { cause: err });
      throw err;
    } finally {
      d.dispose();
    }
  }
}
