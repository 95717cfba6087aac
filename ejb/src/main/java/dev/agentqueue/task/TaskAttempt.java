package dev.agentqueue.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a task's attempt history as the transition script keeps it: when the attempt started and ended (epoch
 * milliseconds), on which server, how it ended and why. What an attempt has not reached yet is null.
 *
 * @param outcome how it ended: a state, or {@code REDRIVEN}, {@code REQUEUED}, {@code ABANDONED}, {@code RECOVERED}
 * @param from the state a {@code RECOVERED} task was found in
 * @param edit an operator's change of the payload, on the {@code REDRIVEN} entry of a redrive that edited it
 */
public record TaskAttempt(
        int attempt,
        String node,
        Long start,
        Long end,
        String outcome,
        String reason,
        String from,
        AttemptError error,
        Edit edit) {

    /** The failure of one attempt, its message cut short (the task's {@code error} has the whole of it). */
    public record AttemptError(ErrorClassification classification, String type, String message) {}

    /**
     * An operator's change of the payload: who made it, how ({@code REPLACE} or {@code MERGE_PATCH}), and the payload
     * before it, cut to {@link PayloadChange#MAX_KEPT_CHARS} characters ({@code previousPayloadTruncated} then says so).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Edit(String by, String kind, String previousPayload, Boolean previousPayloadTruncated) {}

    /** Tells whether the attempt never reported how it ended: it is still open, or a later delivery found it so. */
    public boolean unfinished() {
        return end == null || "ABANDONED".equals(outcome);
    }
}
