package dev.agentqueue.limits;

/**
 * The tokens a concurrency key or an agent may use per calendar day and per calendar month (UTC); zero means no
 * budget of that kind.
 */
public record TokenBudget(long tokensPerDay, long tokensPerMonth) {

    /** No budget of either kind. */
    public static final TokenBudget NONE = new TokenBudget(0, 0);

    public TokenBudget {
        if (tokensPerDay < 0 || tokensPerMonth < 0) {
            throw new IllegalArgumentException("budgets are zero (none) or positive");
        }
    }
}
