package dev.agentqueue.api.support;

import java.util.List;

/**
 * One page of a list the way every list route answers: {@code {items, nextCursor}}, where {@code nextCursor} is
 * {@code null} after the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {}
