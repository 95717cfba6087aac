/** The {@code /flows} endpoints: start, read and cancel flows of tasks. */
package dev.agentqueue.api.flow;
