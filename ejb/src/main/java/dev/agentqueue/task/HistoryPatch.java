package dev.agentqueue.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The members a transition adds to the attempt's history entry (the transition script merges them in): who started
 * it, how it ended and why, and a short form of the failure. Members left null are not written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HistoryPatch(String node, String outcome, String reason, String from, TaskAttempt.AttemptError error) {

    /** Longest error message kept in a history entry; the full message is on the record's {@code error}. */
    static final int MESSAGE_LENGTH = 300;

    /** Nothing to add. */
    static final HistoryPatch NONE = new HistoryPatch(null, null, null, null, null);

    static HistoryPatch startedOn(String node) {
        return new HistoryPatch(node, null, null, null, null);
    }

    static HistoryPatch ended(String outcome) {
        return new HistoryPatch(null, outcome, null, null, null);
    }

    static HistoryPatch ended(String outcome, String reason) {
        return new HistoryPatch(null, outcome, reason, null, null);
    }

    static HistoryPatch recoveredFrom(TaskState from) {
        return new HistoryPatch(null, "RECOVERED", null, from.name(), null);
    }

    static HistoryPatch failed(TaskState outcome, TaskError error) {
        String message = error.message().length() <= MESSAGE_LENGTH
                ? error.message()
                : error.message().substring(0, MESSAGE_LENGTH) + "…";
        return new HistoryPatch(
                null,
                outcome.name(),
                null,
                null,
                new TaskAttempt.AttemptError(error.classification(), error.type(), message));
    }
}
