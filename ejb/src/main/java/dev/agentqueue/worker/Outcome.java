package dev.agentqueue.worker;

import dev.agentqueue.task.TaskError;
import jakarta.json.JsonValue;

/**
 * How one delivery of a task message ends, decided as a value by {@link OutcomePolicy} before anything is done about
 * it, and carried out in one place, {@link OutcomeRoute}.
 */
public sealed interface Outcome {

    /** The attempt succeeded: its result and warnings are recorded. */
    record Completed(JsonValue result, String warnings) implements Outcome {}

    /**
     * The attempt failed and is worth retrying after {@code waitMs}: the broker redelivers it after its backoff, or,
     * when the downstream asked for a longer wait than that ({@code resend}), a copy is re-sent to arrive then.
     */
    record RetryLater(TaskError error, long waitMs, boolean resend, String warnings) implements Outcome {}

    /**
     * An end in the dead-letter queue: the dead letter carries {@code error} and {@code attempt}; the record becomes
     * DEAD_LETTER unless it is already ({@code recorded}), closing the running attempt when {@code ran}.
     */
    sealed interface DeadLettered extends Outcome {
        TaskError error();

        int attempt();

        boolean ran();

        String warnings();

        boolean recorded();
    }

    /** The task can never succeed: a terminal failure, a poison message, or a task that cannot run as given. */
    record Terminal(TaskError error, int attempt, boolean ran, String warnings, boolean recorded)
            implements DeadLettered {}

    /** The task has used up its attempts: its last one failed, or it was delivered more often than allowed. */
    record Exhausted(TaskError error, int attempt, boolean ran, String warnings, boolean recorded)
            implements DeadLettered {}

    /**
     * The task comes back in {@code delayMs} without using an attempt ({@code why} it waits); the copy continues the
     * count after {@code attemptBase} attempts.
     */
    record Deferred(long delayMs, int attemptBase, String why) implements Outcome {}

    /**
     * The application's stop cut the delivery short: the record goes back to QUEUED after {@code attemptsMade}
     * attempts with this one marked {@code mark} ({@code note} says why), and the task is re-sent at once, without
     * using up its retry budget.
     */
    record Interrupted(int attemptsMade, String mark, String note) implements Outcome {}

    /** Nothing is left to do for this delivery ({@code why}): its message is acknowledged. */
    record Skipped(String why) implements Outcome {}
}
