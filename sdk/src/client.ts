import { Transport, type ClientOptions, type RequestOptions } from "./core/transport.ts";
import { Datasets } from "./resources/datasets.ts";
import { Models } from "./resources/models.ts";
import { Samples } from "./resources/samples.ts";
import { Studies } from "./resources/studies.ts";
import { Trainings } from "./resources/trainings.ts";
import type { Health } from "./types.ts";

/**
 * The Gantry API client.
 *
 * ```ts
 * const gantry = new Gantry({ baseUrl: "https://gantry.example.com", apiKey: process.env.GANTRY_API_KEY });
 * const t = await gantry.trainings.create({ data: { name: "ring8" }, loss: { name: "ns" } });
 * const done = await gantry.trainings.wait(t.id, { onProgress: (p) => console.log(p.step, "/", p.steps) });
 * ```
 */
export class Gantry {
  readonly trainings: Trainings;
  readonly models: Models;
  readonly samples: Samples;
  readonly studies: Studies;
  readonly datasets: Datasets;
  /** The transport (retries, errors); for requests the resources do not cover. */
  readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = new Transport(options);
    this.trainings = new Trainings(this.transport);
    this.models = new Models(this.transport);
    this.samples = new Samples(this.transport);
    this.studies = new Studies(this.transport);
    this.datasets = new Datasets(this.transport);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /** GET /healthz: liveness and a configuration summary (no API key needed). */
  health(opts?: RequestOptions): Promise<Health> {
    return this.transport.json<Health>({ method: "GET", path: "/healthz" }, opts);
  }
}
