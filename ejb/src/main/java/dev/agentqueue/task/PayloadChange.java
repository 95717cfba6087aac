package dev.agentqueue.task;

import java.util.Objects;

/**
 * An operator's change of a task's payload made with a redrive: who made it ({@code editor}), how ({@code kind}, such
 * as {@code REPLACE} or {@code MERGE_PATCH}), and the payloads before and after, as JSON text.
 */
public record PayloadChange(String editor, String kind, String previousPayload, String newPayload) {

    /** Most characters of the previous payload the task's history keeps; the rest is cut off. */
    public static final int MAX_KEPT_CHARS = 2000;

    public PayloadChange {
        Objects.requireNonNull(editor, "editor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(previousPayload, "previousPayload");
        Objects.requireNonNull(newPayload, "newPayload");
    }
}
