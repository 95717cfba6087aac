package dev.agentqueue.api.task;

import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The error recorded on a task, as the API shows it and the OpenAPI document describes it. */
@Schema(
        name = "TaskError",
        requiredProperties = {"classification", "type", "message", "fingerprint"})
public record TaskErrorView(
        ErrorClassification classification,
        @Schema(description = "The exception type") String type,
        String message,

        @Schema(description = "Groups failures with one root cause")
        String fingerprint) {

    /** Returns the error as the API shows it, or null for none. */
    public static TaskErrorView of(TaskError error) {
        return error == null
                ? null
                : new TaskErrorView(error.classification(), error.type(), error.message(), error.fingerprint());
    }
}
