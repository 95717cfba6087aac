package dev.agentqueue.api.support;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.support.PageCursor;
import dev.agentqueue.task.TaskIds;
import java.util.regex.Pattern;

/** Reads query parameters as the API documents them; anything else is a 400 problem naming the parameter. */
public final class QueryParams {

    /** Contract, agent and fingerprint values: printable, no quotes or spaces, at most 200 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");

    private QueryParams() {}

    /** Returns a contract, agent or fingerprint filter, or {@code null} when absent. */
    public static String name(String parameter, String value) {
        if (value == null) {
            return null;
        }
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badRequest(
                    parameter, parameter + " must be 1-200 letters, digits or . _ : @ / - characters");
        }
        return value;
    }

    /** Returns the page size, {@code fallback} when absent. */
    public static int limit(String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit", "limit must be an integer between 1 and " + max);
    }

    /** Returns the decoded cursor, or {@code null} for the first page. */
    public static PageCursor cursor(String value) {
        if (value == null) {
            return null;
        }
        try {
            return PageCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "cursor",
                    "Invalid cursor: " + e.getMessage() + "; pass the nextCursor of a previous page unchanged");
        }
    }

    /** Returns a task id from the path. */
    public static String taskId(String value) {
        return id("task", value);
    }

    /** Returns the id of a {@code noun} (task, flow) from the path: a lower-case UUID. */
    public static String id(String noun, String value) {
        if (!TaskIds.isValid(value)) {
            throw ApiException.badRequest("id", "Not a " + noun + " id: expected a lower-case UUID");
        }
        return value;
    }
}
