/** {@code /dlq}: the dead-letter queue over REST: list, summary, redrive and purge. */
package dev.agentqueue.api.dlq;
