package dev.agentqueue.task;

import dev.agentqueue.support.PageCursor;

/**
 * What {@link TaskIndex#list} looks for: optional state, contract and agent (all given must match), a page size and
 * the cursor of the previous page.
 */
public record TaskQuery(TaskState state, String contract, String agent, int limit, PageCursor after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public TaskQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
