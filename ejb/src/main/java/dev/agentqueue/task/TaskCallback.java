package dev.agentqueue.task;

import java.time.Instant;
import java.util.Map;

/**
 * A task's callback as its record keeps it: the URL, and once the task has settled, how the POST to it went.
 *
 * @param state {@code PENDING} (due or being retried), {@code DELIVERED} or {@code FAILED}; null before the task settles
 * @param lastStatus the HTTP status of the last try, or null when it got none (a connect error, a timeout)
 */
public record TaskCallback(
        String url,
        String state,
        int attempts,
        Integer lastStatus,
        String lastError,
        Instant lastAttemptAt,
        Instant nextAttemptAt) {

    /** Reads the callback from the fields of a task hash; null when the task has no callback URL. */
    static TaskCallback fromHash(Map<String, String> hash) {
        String url = hash.get(TaskFields.CALLBACK_URL);
        if (url == null || url.isEmpty()) {
            return null;
        }
        return new TaskCallback(
                url,
                text(hash.get(TaskFields.CALLBACK_STATE)),
                number(hash.get(TaskFields.CALLBACK_ATTEMPTS)).intValue(),
                status(hash.get(TaskFields.CALLBACK_LAST_STATUS)),
                text(hash.get(TaskFields.CALLBACK_LAST_ERROR)),
                instant(hash.get(TaskFields.CALLBACK_LAST_AT)),
                instant(hash.get(TaskFields.CALLBACK_NEXT_AT)));
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Long number(String value) {
        return value == null || value.isEmpty() ? 0L : Long.parseLong(value);
    }

    private static Integer status(String value) {
        return value == null || value.isEmpty() || value.equals("0") ? null : Integer.valueOf(value);
    }

    private static Instant instant(String millis) {
        long value = number(millis);
        return value == 0 ? null : Instant.ofEpochMilli(value);
    }
}
