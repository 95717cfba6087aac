package dev.agentqueue.dlq;

import dev.agentqueue.task.TaskSnapshot;
import java.util.Optional;

/** A dead letter joined with its task record, which may have expired. */
public record DeadLetterEntry(DeadLetter message, Optional<TaskSnapshot> task) {}
