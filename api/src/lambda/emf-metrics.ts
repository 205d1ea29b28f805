import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { RequestMetrics } from "../http/metrics.ts";

/** The CloudWatch namespace of the API's metrics. */
export const METRICS_NAMESPACE = "Gantry";
export const METRICS_SERVICE = "gantry-api";

/** Per-request metrics as CloudWatch Embedded Metric Format lines, written once per invocation by `flush`. */
export interface LambdaMetrics extends RequestMetrics {
  /** Publishes what this invocation recorded (and, on an instance's first invocation, the ColdStart metric). */
  flush(): void;
}

/**
 * Request count, latency and samples generated, per route pattern and status class (2xx…5xx), through Powertools'
 * Metrics: one EMF JSON line per invocation on stdout, which CloudWatch Logs turns into metrics without an API
 * call (so metrics cost no latency and no PutMetricData permission). A Lambda instance serves one invocation at a
 * time, so what is stored between two flushes belongs to one request. Dimensions: service, route, statusClass.
 */
export function emfMetrics(metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE })): LambdaMetrics {
  let samples = 0;
  let answered = false;
  return {
    request({ route, status, ms }) {
      metrics.addDimension("route", route);
      metrics.addDimension("statusClass", `${Math.floor(status / 100)}xx`);
      metrics.addMetric("Requests", MetricUnit.Count, 1);
      metrics.addMetric("Latency", MetricUnit.Milliseconds, ms);
      // Counted only with the request's dimensions; a failed request records 0.
      metrics.addMetric("SamplesGenerated", MetricUnit.Count, samples);
      answered = true;
    },
    samples(n) {
      samples += n;
    },
    flush() {
      metrics.captureColdStartMetric();
      // An instance that failed to start answered no request: nothing but the cold start to publish.
      if (answered) metrics.publishStoredMetrics();
      samples = 0;
      answered = false;
    },
  };
}
