/**
 * Completion callbacks: a task enqueued with a {@code callbackUrl} is posted, signed, to that URL once it settles
 * (completed, dead-lettered or cancelled). The settling transition puts the task on a schedule in Redis in the same
 * atomic step, so the callback is as durable as the record and independent of the worker's transaction; every node
 * takes due callbacks from the schedule under a lease, posts them, and records the outcome on the task.
 */
package dev.agentqueue.callback;
