package dev.agentqueue.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The error recorded on a task: its classification, exception type, message and the fingerprint that groups
 * failures with one root cause.
 * Stored on the record, and shown by the API, as the JSON object of its four members in this order.
 */
@JsonPropertyOrder({"classification", "type", "message", "fingerprint"})
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

    /** Reads an error from its stored JSON form, where records written by older versions may lack a type. */
    @JsonCreator
    static TaskError stored(
            @JsonProperty(value = "classification", required = true) ErrorClassification classification,
            @JsonProperty("type") String type,
            @JsonProperty("message") String message,
            @JsonProperty("fingerprint") String fingerprint) {
        return new TaskError(classification, type == null ? "unknown" : type, message, fingerprint);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
