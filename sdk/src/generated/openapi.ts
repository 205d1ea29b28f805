// generated — do not edit.
// Source: api/openapi.json. Regenerate with `npx tsx scripts/generate.ts` in sdk/ (`--check` verifies it is fresh).
/* eslint-disable */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and configuration summary */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List built-in and uploaded datasets */
        get: operations["listDatasets"];
        put?: never;
        /**
         * Upload a dataset
         * @description The body is the raw file (any content type, e.g. application/octet-stream); `name` gives its file name, whose extension selects the parser. The file is validated before anything is stored; use the returned `name` (upload:<id>) as TrainingConfig.data.name.
         */
        post: operations["uploadDataset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a dataset */
        get: operations["getDataset"];
        put?: never;
        post?: never;
        /** Delete an uploaded dataset */
        delete: operations["deleteDataset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List models, newest first */
        get: operations["listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a model and its versions */
        get: operations["getModel"];
        put?: never;
        post?: never;
        /** Delete a model (its training and all its files) */
        delete: operations["deleteModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}/critic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Evaluate a 2-D model's critic on a grid
         * @description The discriminator's raw output at the centre of every cell of a square grid over data space, for models of 2-D points. Optionally returns real data points to draw over it (the fakes come from sampling).
         */
        get: operations["getCriticField"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}/interpolations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Interpolate between two latents
         * @description Endpoints are seeds (their first latent) or explicit zDim latents; `steps` points including both ends.
         */
        post: operations["createInterpolation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sample a model
         * @description Seeded requests are reproducible byte for byte (same model version, n, seed, truncation, format).
         */
        post: operations["createSamples"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}/samples.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sample a model as a PNG */
        get: operations["getSamplesPng"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{id}/versions/{step}/generator": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export a model version's generator as a TF.js layers model */
        get: operations["exportGenerator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List studies, newest first
         * @description Studies stored in this deployment's storage, by id descending (generated ids sort by creation time).
         */
        get: operations["listStudies"];
        put?: never;
        /** Start a study */
        post: operations["createStudy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a study */
        get: operations["getStudy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{id}/curves": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metric against step per loss, with bands over seeds */
        get: operations["getStudyCurves"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A study's report */
        get: operations["getStudyReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{id}/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run of a study */
        get: operations["getStudyRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{id}/runs/{runId}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Logged metrics of a study run */
        get: operations["getStudyRunMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{id}/runs/{runId}/samples.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sample a study run's generator as a PNG
         * @description Image grid or 2-D scatter from the run's checkpoint (studies keep only the newest, so `version` is normally `latest`).
         */
        get: operations["getStudyRunSamplesPng"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trainings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List trainings, newest first */
        get: operations["listTrainings"];
        put?: never;
        /** Submit a training */
        post: operations["createTraining"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trainings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a training */
        get: operations["getTraining"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trainings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running training */
        post: operations["cancelTraining"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trainings/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream training events (SSE)
         * @description Server-Sent Events: `event` is progress | metric | status | log, `id` the event number, `data` the JSON event { id, type, data, time }. Send Last-Event-ID to resume. The stream ends after a terminal status (succeeded, failed, canceled); a terminal status that a resume superseded is skipped on replay. Comment lines keep idle connections open.
         */
        get: operations["streamTrainingEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trainings/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Logged metrics of a training */
        get: operations["getTrainingMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trainings/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a canceled or failed training
         * @description Queues the training again; it continues from its latest checkpoint (from step 0 when it has none) with a fresh attempt budget, and its event stream goes on with a `queued` status event. 409 names why a training cannot be resumed: `already-succeeded`, `not-ended` (queued or running), `final-failure` (failed with diverged, bad_config or bad_data, which a rerun repeats), `checkpoint-corrupt`.
         */
        post: operations["resumeTraining"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    study: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Notification to a study's `webhook` URL (Standard Webhooks signature) */
        post: operations["studyWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    training: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Notification to a training's `webhook` URL (Standard Webhooks signature) */
        post: operations["trainingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description A 2-D model's critic evaluated on a grid over data space, with real points to draw over it. */
        CriticField: {
            /** @description [lo, hi] of both axes; cell (row, col) is centred at x = lo + (col + ½)·(hi − lo)/resolution, y = hi − (row + ½)·(hi − lo)/resolution. */
            extent: [
                number,
                number
            ];
            /** @description Real data points (as many as `real` asked for). */
            real: [
                number,
                number
            ][];
            resolution: number;
            /** @description resolution² raw critic outputs C(x), row-major, row 0 at the top (largest y). Higher = judged more real. */
            values: number[];
            /** @description The checkpoint step evaluated. */
            version: number;
        };
        Dataset: {
            builtin: boolean;
            description: string;
            /** @description Built-in name, or the upload id. */
            id: string;
            /** @enum {string} */
            kind: "toy2d" | "image" | "tabular";
            /** @description What TrainingConfig.data.name takes: the built-in name or upload:<id>. */
            name: string;
            sampleShape: number[];
            /** @description Sample count; null for infinite toy distributions. */
            size: number | null;
            upload: {
                bytes: number;
                /**
                 * Format: date-time
                 * @example 2025-01-01T00:00:00.000Z
                 */
                createdAt: string;
                dtype: string;
                fileName: string;
                format: string;
            } | null;
        };
        DatasetPage: {
            data: components["schemas"]["Dataset"][];
            nextCursor: string | null;
        };
        FieldError: {
            message: string;
            path: string;
        };
        /** @description A model version's generator as a TF.js layers model: tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData: <the decoded bytes> })) runs it. Feeding the latents a sample request used reproduces its samples. */
        GeneratorExport: {
            /** @description Whether these are the EMA weights. */
            ema: boolean;
            /** @enum {string} */
            format: "tfjs-layers";
            /** @description Keras Sequential JSON, as in a TF.js model.json's modelTopology. */
            modelTopology: {
                [key: string]: unknown;
            };
            /** @description One sample's shape: the output is [n, ...sampleShape]. */
            sampleShape: number[];
            /** @description The checkpoint step exported. */
            step: number;
            /** @example t-0m3x2k9ab-4f7c1e */
            trainingId: string;
            /** @description Every weight as little-endian float32, concatenated in weightSpecs order, base64-encoded. */
            weightData: string;
            /** @description The weights in the order they appear in weightData, named <layer>/<weight>. */
            weightSpecs: {
                /** @enum {string} */
                dtype: "float32";
                name: string;
                shape: number[];
            }[];
            /** @description Latent size: the model's input is [n, zDim]. */
            zDim: number;
        };
        Health: {
            /** @description The backend this process samples with. */
            backend: string;
            /** @description Training backends this deployment's workers can run (a training naming an unavailable one is a 422); empty when workers run elsewhere. */
            backends: {
                available: boolean;
                detail: string;
                name: string;
            }[];
            checks: {
                storage: {
                    /** @description When storage was last probed (probes are at most every 5 s). */
                    checkedAt: string;
                    /** @description Why it failed (no credentials or internals), or "reachable". */
                    detail: string;
                    ok: boolean;
                };
            };
            generators: {
                budgetBytes: number;
                bytes: number;
                entries: number;
            };
            runner: {
                finished: number;
                kind: string;
                /** @description Local runner: whether this instance holds the queue's lease and so runs jobs (another instance on the same storage serves requests and hands work to the owner); null where the queue is elsewhere (Batch). */
                queueOwner: boolean | null;
                queued: number;
                running: number;
                workers: number;
            };
            /**
             * @description `degraded` when a dependency (storage) is failing; the process itself is up.
             * @enum {string}
             */
            status: "ok" | "degraded";
            /** @description Storage URL without credentials or query. */
            storage: string;
            version: string;
        };
        InterpolationRequest: {
            ema?: boolean;
            format?: components["schemas"]["SampleFormat"];
            /** @description A seed (its first latent) or an explicit zDim latent. */
            from: number | number[];
            /**
             * @default slerp
             * @enum {string}
             */
            mode?: "slerp" | "linear";
            /**
             * @description Points including both endpoints.
             * @default 8
             */
            steps?: number;
            /** @description A seed (its first latent) or an explicit zDim latent. */
            to: number | number[];
            /** @description Resample latent coordinates with |z| > truncation (≥ 0.05). */
            truncation?: number;
            version?: components["schemas"]["ModelVersionSpec"];
        };
        /** @description StepLog {step, dLoss, gLoss, …} or an evaluation line {step, eval: {…}}. */
        MetricLine: {
            step: number;
        } & {
            [key: string]: unknown;
        };
        Model: components["schemas"]["ModelSummary"] & {
            /** @description The checkpoint best.json points at, when the run tracks a metric. */
            best: components["schemas"]["ModelVersion"] | null;
            config: components["schemas"]["TrainingConfig"];
            versions: components["schemas"]["ModelVersion"][];
        };
        ModelPage: {
            data: components["schemas"]["ModelSummary"][];
            nextCursor: string | null;
        };
        ModelSummary: {
            /**
             * Format: date-time
             * @example 2025-01-01T00:00:00.000Z
             */
            createdAt: string;
            dataset: string;
            /** @example t-0m3x2k9ab-4f7c1e */
            id: string;
            latestStep: number;
            loss: string;
            trainingStatus: components["schemas"]["TrainingState"];
        };
        ModelVersion: {
            /**
             * Format: date-time
             * @example 2025-01-01T00:00:00.000Z
             */
            createdAt: string;
            /** @description Evaluation metrics stored with the checkpoint. */
            metrics: {
                [key: string]: number;
            } | null;
            step: number;
        };
        /**
         * @default latest
         * @example latest
         */
        ModelVersionSpec: number | ("latest" | "best");
        Problem: {
            detail: string;
            /** @description Validation errors, one per field path. */
            errors?: components["schemas"]["FieldError"][];
            /** @description The request path that failed. */
            instance: string;
            requestId: string;
            status: number;
            title: string;
            /** @example urn:gantry:problem:not-found */
            type: string;
        };
        /**
         * @default json
         * @enum {string}
         */
        SampleFormat: "json" | "png" | "npy";
        SampleRequest: {
            /** @description Use the EMA weights (default: when the run kept them). */
            ema?: boolean;
            format?: components["schemas"]["SampleFormat"];
            /** @description n × zDim explicit latents (override seed and truncation). */
            latents?: number[][];
            n: number;
            /** @description Latent seed; the same seed gives byte-identical output. Random (and returned) when absent. */
            seed?: number;
            /** @description Resample latent coordinates with |z| > truncation (≥ 0.05). */
            truncation?: number;
            version?: components["schemas"]["ModelVersionSpec"];
        };
        Samples: {
            /** @description One row per sample (flattened sample values). */
            data: number[][];
            /** @description The latent seed used (null when latents were given). */
            seed: number | null;
            /** @description [n, ...sampleShape]. */
            shape: number[];
            /** @description The checkpoint step used. */
            version: number;
        };
        /** @description A study and its per-run state, as the study engine reports it. */
        Study: {
            id: string;
            status: components["schemas"]["StudyState"];
        } & {
            [key: string]: unknown;
        };
        /** @description An evaluation metric against step per loss (per loss and trial in a tuning study): the mean over seeds and its 95 % percentile-bootstrap interval at every evaluated step. */
        StudyCurves: {
            groups: {
                loss: string;
                points: {
                    hi: number;
                    lo: number;
                    mean: number;
                    /** @description Seeds with a finite value at this step. */
                    n: number;
                    step: number;
                }[];
                runIds: string[];
                trial: number | null;
            }[];
            metric: string;
        };
        StudyPage: {
            data: components["schemas"]["Study"][];
            nextCursor: string | null;
        };
        /** @description One run of a study, read from the files it wrote under the study. */
        StudyRun: {
            /** @description Step of the newest checkpoint; null before the first. */
            checkpointStep: number | null;
            /** @description The run's training config as the study wrote it. */
            config: {
                [key: string]: unknown;
            } | null;
            error: {
                code: string;
                message: string;
            } | null;
            /** @description The run's last evaluation (its final metrics once it has ended). */
            final: {
                step: number;
                values: {
                    [key: string]: number | null;
                };
            } | null;
            loss: string;
            runId: string;
            seed: number;
            status: components["schemas"]["StudyRunState"];
            step: number;
            steps: number;
            studyId: string;
            /** @description Tuning trial index; null outside a tuning study. */
            trial: number | null;
        };
        /**
         * @description The run's training state, or `pending` before its first start.
         * @enum {string}
         */
        StudyRunState: "pending" | "queued" | "running" | "succeeded" | "failed" | "canceled" | "interrupted";
        /** @description Study definition (data, losses × seeds, steps …), validated by the study engine. */
        StudySpec: {
            /** @description The data every run trains on: the same field as a training's `data`. Required. */
            data?: {
                classes?: number[];
                name: string;
            };
            /**
             * @deprecated
             * @description Deprecated alias of `data` (its name before 0.2), accepted for one more release; not with `data`.
             */
            dataset?: {
                classes?: number[];
                name: string;
            };
            /**
             * Format: uri
             * @description URL to POST signed notifications to (Standard Webhooks headers: webhook-id, webhook-timestamp, webhook-signature).
             */
            webhook?: string;
            /** @description Events to send: `start` (the training or study began running), `completed` (it ended: succeeded, failed or, for a training, canceled; `data.status` says which). Default: both. */
            webhookEventsFilter?: ("start" | "completed")[];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description `reporting`: every run has ended and the report is being built. `succeeded` and `failed` are final; `interrupted` resumes on the next start.
         * @enum {string}
         */
        StudyState: "queued" | "running" | "reporting" | "succeeded" | "failed" | "interrupted";
        StudyWebhookPayload: {
            data: components["schemas"]["Study"];
            /** @description When this attempt was sent (ISO 8601). */
            timestamp: string;
            /** @enum {string} */
            type: "study.start" | "study.completed";
        };
        Training: {
            config: components["schemas"]["TrainingConfig"];
            /**
             * Format: date-time
             * @example 2025-01-01T00:00:00.000Z
             */
            createdAt: string;
            /** @description Why the training failed; null unless it failed. */
            error: components["schemas"]["TrainingError"] | null;
            /**
             * Format: date-time
             * @example 2025-01-01T00:00:00.000Z
             */
            finishedAt: string | null;
            /** @example t-0m3x2k9ab-4f7c1e */
            id: string;
            latestMetrics: {
                [key: string]: number;
            } | null;
            progress: components["schemas"]["TrainingProgress"];
            /**
             * Format: date-time
             * @example 2025-01-01T00:00:00.000Z
             */
            startedAt: string | null;
            status: components["schemas"]["TrainingState"];
        };
        TrainingConfig: {
            /**
             * @default auto
             * @enum {string}
             */
            backend?: "auto" | "native" | "wasm" | "cpu" | "tensorflow";
            /** @default 64 */
            batchSize?: number;
            /** @default 500 */
            checkpointEvery?: number;
            data: {
                classes?: number[];
                name: string;
            };
            /** @default 0 */
            emaDecay?: number;
            /** @default 0 */
            evalEvery?: number;
            /** @default 3 */
            keepLast?: number;
            /** @default 10 */
            logEvery?: number;
            loss: {
                /** @enum {string} */
                name: "minimax" | "ns" | "lsgan" | "wgan" | "wgan-gp" | "wgan-lp" | "dragan" | "hinge" | "rsgan" | "rasgan" | "ralsgan" | "rahinge";
            };
            /**
             * @default {
             *       "dNorm": "auto",
             *       "spectralNorm": false
             *     }
             */
            model?: {
                /** @enum {string} */
                arch?: "mlp" | "dcgan" | "mlp2d";
                dHidden?: number[];
                /**
                 * @default auto
                 * @enum {string}
                 */
                dNorm?: "auto" | "batch" | "none";
                gHidden?: number[];
                /**
                 * @description Batch norm before each hidden activation of G (mlp, mlp2d). Default: "batch" for a new training of mlp on image data (without it NS-GAN collapses on the MNIST MLP), "none" for mlp2d and other data; a resumed training keeps what its checkpoint was trained with. dcgan's G always has batch norm.
                 * @enum {string}
                 */
                gNorm?: "batch" | "none";
                pack?: number;
                /** @default false */
                spectralNorm?: boolean;
                zDim?: number;
            };
            nCritic?: number;
            name?: string;
            /** @default {} */
            optimizers?: {
                d?: {
                    beta1?: number;
                    beta2?: number;
                    decay?: number;
                    lr: number;
                    /** @enum {string} */
                    type: "adam" | "rmsprop" | "sgd";
                };
                g?: {
                    beta1?: number;
                    beta2?: number;
                    decay?: number;
                    lr: number;
                    /** @enum {string} */
                    type: "adam" | "rmsprop" | "sgd";
                };
            };
            regularizers?: ({
                /** @default 10 */
                lambda?: number;
                /** @default false */
                oneSided?: boolean;
                /**
                 * @default interpolate
                 * @enum {string}
                 */
                sampling?: "interpolate" | "dragan";
                /** @enum {string} */
                type: "gp";
            } | {
                /** @default 10 */
                gamma?: number;
                /** @enum {string} */
                type: "r1";
            } | {
                /** @default 10 */
                gamma?: number;
                /** @enum {string} */
                type: "r2";
            } | {
                /** @default 0.01 */
                c?: number;
                /** @enum {string} */
                type: "clip";
            })[];
            /** @default 0 */
            sampleEvery?: number;
            /** @default 0 */
            seed?: number;
            /** @default 2000 */
            steps?: number;
        };
        TrainingError: {
            code: string;
            message: string;
        };
        /** @description The JSON in the `data` field of each message of the training event stream (`event` = its `type`). */
        TrainingEvent: components["schemas"]["TrainingProgressEvent"] | components["schemas"]["TrainingMetricEvent"] | components["schemas"]["TrainingStatusEvent"] | components["schemas"]["TrainingLogEvent"];
        /** @description A log line from the job. */
        TrainingLogEvent: {
            data: components["schemas"]["TrainingLogEventData"];
            /** @description Event number (1-based, increasing); send it as Last-Event-ID to resume after it. */
            id: number;
            /**
             * Format: date-time
             * @description When the job recorded the event.
             * @example 2025-01-01T00:00:00.000Z
             */
            time: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "log";
        };
        /** @description A log line; jobs add context fields (step, checkpoint, backend, …). */
        TrainingLogEventData: {
            /** @description e.g. `warn`; absent for informational lines. */
            level?: string;
            message: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A metrics.jsonl line as it is logged. */
        TrainingMetricEvent: {
            data: components["schemas"]["MetricLine"];
            /** @description Event number (1-based, increasing); send it as Last-Event-ID to resume after it. */
            id: number;
            /**
             * Format: date-time
             * @description When the job recorded the event.
             * @example 2025-01-01T00:00:00.000Z
             */
            time: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "metric";
        };
        TrainingMetrics: {
            data: components["schemas"]["MetricLine"][];
        };
        TrainingPage: {
            data: components["schemas"]["Training"][];
            nextCursor: string | null;
        };
        TrainingProgress: {
            etaSeconds: number | null;
            step: number;
            steps: number;
            stepsPerSecond: number;
        };
        /** @description Progress, at most once per logged step. */
        TrainingProgressEvent: {
            data: components["schemas"]["TrainingProgress"];
            /** @description Event number (1-based, increasing); send it as Last-Event-ID to resume after it. */
            id: number;
            /**
             * Format: date-time
             * @description When the job recorded the event.
             * @example 2025-01-01T00:00:00.000Z
             */
            time: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "progress";
        };
        TrainingRequest: {
            /**
             * @default auto
             * @enum {string}
             */
            backend?: "auto" | "native" | "wasm" | "cpu" | "tensorflow";
            /** @default 64 */
            batchSize?: number;
            /** @default 500 */
            checkpointEvery?: number;
            data: {
                classes?: number[];
                name: string;
            };
            /** @default 0 */
            emaDecay?: number;
            /** @default 0 */
            evalEvery?: number;
            /** @default 3 */
            keepLast?: number;
            /** @default 10 */
            logEvery?: number;
            loss: {
                /** @enum {string} */
                name: "minimax" | "ns" | "lsgan" | "wgan" | "wgan-gp" | "wgan-lp" | "dragan" | "hinge" | "rsgan" | "rasgan" | "ralsgan" | "rahinge";
            };
            /**
             * @default {
             *       "dNorm": "auto",
             *       "spectralNorm": false
             *     }
             */
            model?: {
                /** @enum {string} */
                arch?: "mlp" | "dcgan" | "mlp2d";
                dHidden?: number[];
                /**
                 * @default auto
                 * @enum {string}
                 */
                dNorm?: "auto" | "batch" | "none";
                gHidden?: number[];
                /**
                 * @description Batch norm before each hidden activation of G (mlp, mlp2d). Default: "batch" for a new training of mlp on image data (without it NS-GAN collapses on the MNIST MLP), "none" for mlp2d and other data; a resumed training keeps what its checkpoint was trained with. dcgan's G always has batch norm.
                 * @enum {string}
                 */
                gNorm?: "batch" | "none";
                pack?: number;
                /** @default false */
                spectralNorm?: boolean;
                zDim?: number;
            };
            nCritic?: number;
            name?: string;
            /** @default {} */
            optimizers?: {
                d?: {
                    beta1?: number;
                    beta2?: number;
                    decay?: number;
                    lr: number;
                    /** @enum {string} */
                    type: "adam" | "rmsprop" | "sgd";
                };
                g?: {
                    beta1?: number;
                    beta2?: number;
                    decay?: number;
                    lr: number;
                    /** @enum {string} */
                    type: "adam" | "rmsprop" | "sgd";
                };
            };
            regularizers?: ({
                /** @default 10 */
                lambda?: number;
                /** @default false */
                oneSided?: boolean;
                /**
                 * @default interpolate
                 * @enum {string}
                 */
                sampling?: "interpolate" | "dragan";
                /** @enum {string} */
                type: "gp";
            } | {
                /** @default 10 */
                gamma?: number;
                /** @enum {string} */
                type: "r1";
            } | {
                /** @default 10 */
                gamma?: number;
                /** @enum {string} */
                type: "r2";
            } | {
                /** @default 0.01 */
                c?: number;
                /** @enum {string} */
                type: "clip";
            })[];
            /** @default 0 */
            sampleEvery?: number;
            /** @default 0 */
            seed?: number;
            /** @default 2000 */
            steps?: number;
            /**
             * Format: uri
             * @description URL to POST signed notifications to (Standard Webhooks headers: webhook-id, webhook-timestamp, webhook-signature).
             */
            webhook?: string;
            /** @description Events to send: `start` (the training or study began running), `completed` (it ended: succeeded, failed or, for a training, canceled; `data.status` says which). Default: both. */
            webhookEventsFilter?: ("start" | "completed")[];
        };
        /** @enum {string} */
        TrainingState: "queued" | "running" | "succeeded" | "failed" | "canceled" | "interrupted";
        /** @description A state change; the stream ends after a terminal one. */
        TrainingStatusEvent: {
            data: components["schemas"]["TrainingStatusEventData"];
            /** @description Event number (1-based, increasing); send it as Last-Event-ID to resume after it. */
            id: number;
            /**
             * Format: date-time
             * @description When the job recorded the event.
             * @example 2025-01-01T00:00:00.000Z
             */
            time: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "status";
        };
        TrainingStatusEventData: {
            /** @description Present when the training failed (also null on some terminal events). */
            error?: components["schemas"]["TrainingError"] | null;
            status: components["schemas"]["TrainingState"];
        };
        WebhookPayload: {
            data: components["schemas"]["Training"];
            /** @description When this attempt was sent (ISO 8601). */
            timestamp: string;
            /** @enum {string} */
            type: "training.start" | "training.completed";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    listDatasets: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Built-ins first, then uploads oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetPage"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadDataset: {
        parameters: {
            query: {
                /** @description File name; its extension selects the parser (.npy, .csv, .zip of PNGs, .tar/.tgz, IDX). */
                name: string;
            };
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listModels: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of models. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelPage"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCriticField: {
        parameters: {
            query?: {
                version?: string;
                /** @description Grid cells per side. */
                resolution?: number;
                /** @description Lower bound of both axes (default: the dataset's range). */
                lo?: number | null;
                /** @description Upper bound of both axes (default: the dataset's range). */
                hi?: number | null;
                /** @description Also return this many real data points (seeded, the same on every call). */
                real?: number | null;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The critic field. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CriticField"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInterpolation: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InterpolationRequest"];
            };
        };
        responses: {
            /** @description Samples: JSON rows, a PNG (image grid, or scatter plot for 2-D data) or a float32 .npy array. Binary formats carry X-Gantry-Seed and X-Gantry-Version headers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Samples"];
                    "application/octet-stream": string;
                    "image/png": string;
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSamples: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SampleRequest"];
            };
        };
        responses: {
            /** @description Samples: JSON rows, a PNG (image grid, or scatter plot for 2-D data) or a float32 .npy array. Binary formats carry X-Gantry-Seed and X-Gantry-Version headers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Samples"];
                    "application/octet-stream": string;
                    "image/png": string;
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSamplesPng: {
        parameters: {
            query?: {
                n?: number;
                seed?: number | null;
                version?: string;
                truncation?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PNG image grid or 2-D scatter plot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportGenerator: {
        parameters: {
            query?: {
                /** @description Export the EMA weights (default: when the run kept them, as sampling does). */
                ema?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
                /** @description A checkpoint step, or latest / best. */
                step: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The generator. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneratorExport"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStudies: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of studies. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudyPage"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStudy: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StudySpec"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Study"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The study. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Study"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudyCurves: {
        parameters: {
            query?: {
                /** @description An evaluation metric; default: the study's primary metric. */
                metric?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Mean and 95 % CI over seeds per evaluated step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudyCurves"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudyReport: {
        parameters: {
            query?: {
                format?: "html" | "markdown";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "text/markdown": string;
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudyRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudyRun"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudyRunMetrics: {
        parameters: {
            query?: {
                /** @description Only lines with step > since. */
                since?: number | null;
            };
            header?: never;
            path: {
                id: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description metrics.jsonl lines in step order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingMetrics"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudyRunSamplesPng: {
        parameters: {
            query?: {
                n?: number;
                seed?: number | null;
                version?: string;
                truncation?: number;
            };
            header?: never;
            path: {
                id: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PNG image grid or 2-D scatter plot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not implemented in this deployment. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTrainings: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
                status?: components["schemas"]["TrainingState"];
                loss?: "minimax" | "ns" | "lsgan" | "wgan" | "wgan-gp" | "wgan-lp" | "dragan" | "hinge" | "rsgan" | "rasgan" | "ralsgan" | "rahinge";
                dataset?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of trainings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingPage"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTraining: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrainingRequest"];
            };
        };
        responses: {
            /** @description Finished within the `Prefer: wait` time. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Training"];
                };
            };
            /** @description Accepted and queued (or still running after `Prefer: wait`). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Training"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body failed validation; `errors` names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTraining: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The training. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Training"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelTraining: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The canceled training. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Training"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamTrainingEvents: {
        parameters: {
            query?: {
                /** @description Same as Last-Event-ID, for clients that cannot set headers. */
                lastEventId?: string;
            };
            header?: {
                /** @description Resume after this event id (sent by EventSource on reconnect). */
                "last-event-id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream. The schema describes one message's `data` (a TrainingEvent); the SSE `event` field repeats its `type` and `id` its `id`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["TrainingEvent"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTrainingMetrics: {
        parameters: {
            query?: {
                /** @description Only lines with step > since. */
                since?: number | null;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description metrics.jsonl lines in step order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingMetrics"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resumeTraining: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 7240, e.g. `wait=30`: hold the response up to that many seconds (max 60) for a terminal state. */
                prefer?: string;
                /** @description Replays the first response for the same key and body; 409 for a different body. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued again. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Training"];
                };
            };
            /** @description Malformed request (query, path parameters or headers); `errors` names each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the required scope, or the resource cannot be changed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request timed out or service unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    studyWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Message id, the same on every retry of one notification. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed by GANTRY_WEBHOOK_SECRET. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StudyWebhookPayload"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (e.g. bad signature); any non-2xx answer is retried, 6 attempts with doubling delays. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    trainingWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Message id, the same on every retry of one notification. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed. */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed by GANTRY_WEBHOOK_SECRET. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (e.g. bad signature); any non-2xx answer is retried, 6 attempts with doubling delays. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
