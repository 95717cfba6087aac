/**
 * Redrives as tracked jobs: a redrive by filter that may start with a canary of a few tasks and go on only once they
 * complete (by itself or on an operator's confirmation), stops when a canary task dead-letters again, can be
 * cancelled, and keeps its progress in Redis so every node can report it while one node runs it. Also the standing
 * order to redrive a group when its provider's breaker closes again.
 */
package dev.agentqueue.dlq.redrive;
