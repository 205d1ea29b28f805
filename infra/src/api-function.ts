import { Duration } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { API_ENTRY, BANNER, HANDLER_PREFIX, layoutCommands, REPO_ROOT, TARGET } from "./api-bundle.ts";

/**
 * A function running one export of api/src/lambda.ts, bundled locally by esbuild (no Docker) with the settings
 * and layout of api-bundle.ts. Node 24: Node 20 reached end-of-life on 2026-04-30. arm64: the wasm sampler has
 * SIMD there too, at a lower price per GB-second.
 */
export function apiFunction(
  scope: Construct,
  id: string,
  o: {
    handler: "handler" | "streamingHandler" | "batchEventsHandler";
    environment: Record<string, string>;
    memorySize?: number;
    timeout?: Duration;
  },
): NodejsFunction {
  return new NodejsFunction(scope, id, {
    entry: API_ENTRY,
    handler: `${HANDLER_PREFIX}.${o.handler}`,
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: o.memorySize ?? 1769,
    timeout: o.timeout ?? Duration.seconds(30),
    environment: { NODE_OPTIONS: "--enable-source-maps=false", ...o.environment },
    logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH }),
    bundling: {
      format: OutputFormat.ESM,
      target: TARGET,
      minify: true,
      sourceMap: false,
      banner: BANNER,
      esbuildArgs: { "--ignore-annotations": true },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_input: string, output: string) => layoutCommands(output),
      },
    },
  });
}
