package dev.agentqueue.producer;

import dev.agentqueue.task.TaskSnapshot;
import java.util.Optional;

/**
 * The receipt of an enqueue together with the task's record; the record is absent only when the first task of a
 * repeated idempotency key has expired meanwhile.
 */
public record Enqueued(TaskReceipt receipt, Optional<TaskSnapshot> task) {}
