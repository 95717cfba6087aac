/** {@code /stats}: the last hour's throughput and latency per minute and the tasks in each state, for the dashboard. */
package dev.agentqueue.api.stats;
