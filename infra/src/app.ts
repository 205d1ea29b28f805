import { type App, Validations, type Environment } from "aws-cdk-lib";
import { nag } from "./cdk-nag.ts";
import { ApiStack } from "./api-stack.ts";
import { EventsStack } from "./events-stack.ts";
import { suppressJustified } from "./nag-suppressions.ts";
import { StorageStack } from "./storage-stack.ts";
import { TrainingStack } from "./training-stack.ts";

export interface GantryStacks {
  storage: StorageStack;
  training: TrainingStack;
  api: ApiStack;
  events: EventsStack;
}

/**
 * The four stacks on one app. Context: `prefix` (key prefix in the bucket, default "gantry/"), `trainerImage`
 * (a pushed image URI instead of building trainer/Dockerfile at deploy), `spot` ("true"), `apiKeysParameter`.
 * No account or region lookups: `cdk synth` works offline, without credentials and without Docker.
 */
export function gantryApp(app: App, env?: Environment): GantryStacks {
  const ctx = (k: string): string | undefined => app.node.tryGetContext(k) as string | undefined;
  const prefix = ctx("prefix") ?? "gantry/";
  const storage = new StorageStack(app, "GantryStorage", { env });
  const training = new TrainingStack(app, "GantryTraining", {
    env,
    bucket: storage.bucket,
    prefix,
    spot: String(ctx("spot")) === "true",
    ...(ctx("trainerImage") ? { trainerImage: ctx("trainerImage") } : {}),
  });
  const api = new ApiStack(app, "GantryApi", {
    env,
    bucket: storage.bucket,
    prefix,
    queue: training.queue,
    jobDefinition: training.jobDefinition,
    ...(ctx("apiKeysParameter") ? { apiKeysParameter: ctx("apiKeysParameter") } : {}),
  });
  const events = new EventsStack(app, "GantryEvents", { env, bucket: storage.bucket, prefix, queue: training.queue });
  for (const s of [storage, training, api, events]) suppressJustified(s);
  Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app, { verbose: true }));
  return { storage, training, api, events };
}
