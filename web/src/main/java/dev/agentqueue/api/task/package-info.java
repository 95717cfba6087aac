/** The {@code /tasks} endpoints: enqueue and read tasks. */
package dev.agentqueue.api.task;
