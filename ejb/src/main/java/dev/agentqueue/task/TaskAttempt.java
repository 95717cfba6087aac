package dev.agentqueue.task;

/**
 * One entry of a task's attempt history as the transition script keeps it: when the attempt started and ended (epoch
 * milliseconds), on which server, how it ended and why. What an attempt has not reached yet is null.
 *
 * @param outcome how it ended: a state, or {@code REDRIVEN}, {@code REQUEUED}, {@code ABANDONED}, {@code RECOVERED}
 * @param from the state a {@code RECOVERED} task was found in
 */
public record TaskAttempt(
        int attempt,
        String node,
        Long start,
        Long end,
        String outcome,
        String reason,
        String from,
        AttemptError error) {

    /** The failure of one attempt, its message cut short (the task's {@code error} has the whole of it). */
    public record AttemptError(ErrorClassification classification, String type, String message) {}

    /** Tells whether the attempt never reported how it ended: it is still open, or a later delivery found it so. */
    public boolean unfinished() {
        return end == null || "ABANDONED".equals(outcome);
    }
}
