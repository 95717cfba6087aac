package dev.agentqueue.dlq;

import java.util.List;

/** One page of dead letters, oldest first, and the cursor of the next page ({@code null} after the last one). */
public record DeadLetterPage(List<DeadLetterEntry> entries, String nextCursor) {}
