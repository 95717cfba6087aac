package dev.agentqueue.task;

/**
 * What happened when a task record was created: written anew, or an earlier task answered its idempotency key.
 * {@code state} is the state of the task the id names, as the write found or left it; null when that record has
 * expired meanwhile.
 */
public record CreateOutcome(String taskId, boolean duplicate, TaskState state) {

    /** An outcome whose task's state is not looked at. */
    public CreateOutcome(String taskId, boolean duplicate) {
        this(taskId, duplicate, null);
    }
}
