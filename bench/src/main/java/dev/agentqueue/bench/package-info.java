/**
 * The bench client: drives the workloads of SPEC §11 against a deployed agentqueue (REST, the probe WAR, and the
 * task records in Redis), and writes the results JSON and the table in {@code docs/BENCHMARKS.md}. Run it through
 * {@code bench/run}.
 */
package dev.agentqueue.bench;
