/**
 * The dead-letter queue as operators use it, in the language of Artemis' {@code QueueControl}: browse, count, and
 * move (redrive) or remove (purge) messages, each move atomic with the task record's state.
 */
package dev.agentqueue.dlq;
