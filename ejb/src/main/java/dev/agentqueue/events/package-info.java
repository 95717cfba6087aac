/**
 * Live task events: reading a task's event stream (its transitions, attempts, progress and streamed output, which the
 * task store appends) on dedicated Redis connections, so a listener that waits never blocks the shared one.
 */
package dev.agentqueue.events;
