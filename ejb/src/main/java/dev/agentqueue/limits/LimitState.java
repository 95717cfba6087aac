package dev.agentqueue.limits;

import java.util.Map;

/**
 * One limit scope as it stands: the limits and token budget it runs under ({@code live}: set by an admin, not
 * configured), its counters since it was first used (calls admitted, deferrals, tokens reserved by estimates and
 * tokens used as the providers reported), and the tokens it used in the current UTC day and month.
 */
public record LimitState(
        LimitScope scope,
        LimitParameters limits,
        boolean live,
        long admitted,
        long deferrals,
        long tokensReserved,
        long tokensUsed,
        long activeCalls,
        TokenBudget budget,
        long tokensToday,
        long tokensThisMonth) {

    /** The fields of a scope's live settings hash, as the Lua scripts read them. */
    static final String REQUESTS_PER_MINUTE = "requestsPerMinute";

    static final String TOKENS_PER_MINUTE = "tokensPerMinute";
    static final String CONCURRENT_CALLS = "concurrentCalls";
    static final String BURST_MS = "burstMs";
    static final String TOKENS_PER_DAY = "tokensPerDay";
    static final String TOKENS_PER_MONTH = "tokensPerMonth";

    LimitState(
            LimitScope scope,
            LimitParameters limits,
            boolean live,
            Map<String, String> counters,
            long activeCalls,
            TokenBudget budget,
            BudgetScripts.Used used) {
        this(
                scope,
                limits,
                live,
                count(counters, "admitted"),
                count(counters, "deferrals"),
                count(counters, "tokensReserved"),
                count(counters, "tokensUsed"),
                activeCalls,
                budget,
                used.today(),
                used.thisMonth());
    }

    private static long count(Map<String, String> counters, String field) {
        String value = counters.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }
}
