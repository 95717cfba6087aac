/**
 * Metrics: the meters agentqueue registers with the server's Micrometer registry, which serves them in Prometheus
 * text format ({@link dev.agentqueue.metrics.MeterRegistries}: a registry in memory on a server without one). The worker, the producer and the chat contract report to {@link dev.agentqueue.metrics.TaskMetrics};
 * breakers and provider calls announce themselves as CDI events; gauges read the broker and Redis when scraped.
 */
package dev.agentqueue.metrics;
