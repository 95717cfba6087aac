package dev.agentqueue.task;

import java.util.List;

/** One page of tasks, newest first, and the cursor of the next page ({@code null} after the last one). */
public record TaskPage(List<TaskSnapshot> tasks, String nextCursor) {}
