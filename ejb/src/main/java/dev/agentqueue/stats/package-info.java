/**
 * The last hour of throughput and latency, one bucket per minute in Redis, which every node adds to and the
 * dashboard reads.
 */
package dev.agentqueue.stats;
