package dev.agentqueue.task;

/** What happened when a task record was created: written anew, or an earlier task answered its idempotency key. */
public record CreateOutcome(String taskId, boolean duplicate) {}
