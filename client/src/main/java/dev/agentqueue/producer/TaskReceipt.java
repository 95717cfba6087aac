package dev.agentqueue.producer;

import dev.agentqueue.task.TaskState;
import java.io.Serializable;

/**
 * The answer to an enqueue: the task id and its state. {@code duplicate} is true when an earlier task with the same
 * idempotency key answered instead of a new one.
 */
public record TaskReceipt(String id, TaskState state, boolean duplicate) implements Serializable {}
