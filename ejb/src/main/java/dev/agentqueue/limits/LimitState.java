package dev.agentqueue.limits;

import java.util.Map;

/**
 * One limit scope as it stands: the limits it runs under ({@code live}: set by an admin, not configured), and its counters since it was first used (calls admitted,
 * deferrals, tokens reserved by estimates and tokens used as the providers reported).
 */
public record LimitState(
        LimitScope scope,
        LimitParameters limits,
        boolean live,
        long admitted,
        long deferrals,
        long tokensReserved,
        long tokensUsed,
        long activeCalls) {

    /** The fields of a scope's live settings hash, as the Lua scripts read them. */
    static final String REQUESTS_PER_MINUTE = "requestsPerMinute";

    static final String TOKENS_PER_MINUTE = "tokensPerMinute";
    static final String CONCURRENT_CALLS = "concurrentCalls";
    static final String BURST_MS = "burstMs";

    LimitState(LimitScope scope, LimitParameters limits, boolean live, Map<String, String> counters, long activeCalls) {
        this(
                scope,
                limits,
                live,
                count(counters, "admitted"),
                count(counters, "deferrals"),
                count(counters, "tokensReserved"),
                count(counters, "tokensUsed"),
                activeCalls);
    }

    private static long count(Map<String, String> counters, String field) {
        String value = counters.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }
}
