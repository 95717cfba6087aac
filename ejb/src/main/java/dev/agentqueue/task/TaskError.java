package dev.agentqueue.task;

import dev.agentqueue.support.Jsons;
import jakarta.json.JsonObject;
import java.util.Objects;

/**
 * The error recorded on a task: its classification, exception type, message and the fingerprint that groups
 * failures with one root cause.
 */
public record TaskError(ErrorClassification classification, String type, String message, String fingerprint) {

    /** Longest message kept on a record; provider errors can embed whole response bodies. */
    public static final int MAX_MESSAGE_LENGTH = 2000;

    public TaskError {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : truncate(message);
        fingerprint = fingerprint == null ? ErrorFingerprint.of(type, message) : fingerprint;
    }

    /** Creates an error whose fingerprint is derived from its type and message. */
    public static TaskError of(ErrorClassification classification, String type, String message) {
        return new TaskError(classification, type, message, null);
    }

    /** Renders this error as the JSON object stored on the task. */
    public JsonObject toJson() {
        return Jsons.object()
                .add("classification", classification.name())
                .add("type", type)
                .add("message", message)
                .add("fingerprint", fingerprint)
                .build();
    }

    /** Reads an error from its stored JSON form. */
    public static TaskError fromJson(JsonObject json) {
        return new TaskError(
                ErrorClassification.valueOf(json.getString("classification")),
                json.getString("type", "unknown"),
                json.getString("message", ""),
                json.getString("fingerprint", null));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
