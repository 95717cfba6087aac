/** The task model: states and their transitions, the stored record, errors, ids, and the Redis task store. */
package dev.agentqueue.task;
