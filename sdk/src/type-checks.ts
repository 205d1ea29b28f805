/**
 * Compile-time checks of the public API's types, compiled (never run) by type-checks.test.ts and by `tsc -p`.
 * Each `@ts-expect-error` must hit an error: an unused one fails compilation (TS2578), so these lines prove that
 * wrong request shapes do not compile.
 */
import { expectTypeOf } from "vitest";
import type { Gantry } from "./client.ts";
import type { Page, PagePromise } from "./core/pagination.ts";
import type { SampleArray, SampleImage } from "./resources/samples.ts";
import type { Dataset, Model, ModelSummary, Study, Training, TrainingConfig, TrainingError, TrainingEvent, TrainingState } from "./types.ts";

export function typeChecks(g: Gantry): void {
  const ok: TrainingConfig = { data: { name: "ring8" }, loss: { name: "wgan-gp" }, steps: 100 };
  void g.trainings.create(ok);
  // @ts-expect-error: loss.name must be one of the API's loss names
  void g.trainings.create({ data: { name: "ring8" }, loss: { name: "wgan-typo" } });
  // @ts-expect-error: data is required
  void g.trainings.create({ loss: { name: "ns" } });
  // @ts-expect-error: steps is a number
  void g.trainings.create({ data: { name: "ring8" }, loss: { name: "ns" }, steps: "100" });
  // @ts-expect-error: unknown top-level key (the schema is strict)
  void g.trainings.create({ data: { name: "ring8" }, loss: { name: "ns" }, learningRate: 1 });
  // @ts-expect-error: status filter takes training states only
  void g.trainings.list({ status: "done" });
  // @ts-expect-error: n is required for samples
  void g.samples.create("m", { seed: 1 });
  // @ts-expect-error: format is json | png | npy
  void g.samples.create("m", { n: 4, format: "gif" });
  // @ts-expect-error: versions are "latest", "best" or a step number
  void g.samples.png("m", { version: "newest" });
  // @ts-expect-error: interpolation endpoints are seeds or latent arrays
  void g.samples.interpolate("m", { from: "a", to: 2 });
  // @ts-expect-error: an upload needs a file name
  void g.datasets.upload(new Uint8Array(1), {});

  expectTypeOf(g.trainings.get).returns.toEqualTypeOf<Promise<Training>>();
  expectTypeOf(g.trainings.list).returns.toEqualTypeOf<PagePromise<Training>>();
  expectTypeOf<Awaited<ReturnType<typeof g.models.list>>>().toEqualTypeOf<Page<ModelSummary>>();
  expectTypeOf(g.models.get).returns.toEqualTypeOf<Promise<Model>>();
  expectTypeOf(g.datasets.get).returns.toEqualTypeOf<Promise<Dataset>>();
  expectTypeOf(g.studies.list).returns.toEqualTypeOf<PagePromise<Study>>();
  expectTypeOf<Training["status"]>().toEqualTypeOf<TrainingState>();
  expectTypeOf<Training["error"]>().toEqualTypeOf<{ code: string; message: string } | null>();
  expectTypeOf<Model["best"]>().toEqualTypeOf<Model["versions"][number] | null>();
  // The sample format picks the result type.
  expectTypeOf(g.samples.create("m", { n: 1 })).toEqualTypeOf<Promise<SampleArray>>();
  expectTypeOf(g.samples.create("m", { n: 1, format: "npy" })).toEqualTypeOf<Promise<SampleArray>>();
  expectTypeOf(g.samples.create("m", { n: 1, format: "png" })).toEqualTypeOf<Promise<SampleImage>>();
  expectTypeOf<SampleArray["data"]>().toEqualTypeOf<Float32Array>();
  expectTypeOf<SampleImage["data"]>().toEqualTypeOf<Uint8Array>();
  // Events narrow on `type`.
  const onEvent = (e: TrainingEvent) => {
    if (e.type === "progress") expectTypeOf(e.data.step).toEqualTypeOf<number>();
    if (e.type === "status") {
      expectTypeOf(e.data.status).toEqualTypeOf<TrainingState>();
      expectTypeOf(e.data.error).toEqualTypeOf<TrainingError | null | undefined>();
    }
    if (e.type === "log") expectTypeOf(e.data.message).toEqualTypeOf<string>();
    if (e.type === "metric") expectTypeOf(e.data.step).toEqualTypeOf<number>();
    // @ts-expect-error: events are progress | metric | status | log
    if (e.type === "checkpoint") return;
  };
  void onEvent;
}
