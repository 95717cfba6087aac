package dev.agentqueue.producer;

import jakarta.ejb.ApplicationException;
import java.time.Instant;

/**
 * Thrown when a task's concurrency key or agent has spent its token budget for the current UTC day or month; nothing
 * was enqueued, and the budget refills at {@link #retryAt()}.
 */
@ApplicationException(rollback = true)
public class BudgetExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String scope;
    private final String window;
    private final Instant retryAt;

    /**
     * @param scope the scope whose budget is spent, such as {@code key:acme} or {@code agent:analyzer}
     * @param window {@code day} or {@code month}: the UTC calendar window the budget counts in
     */
    public BudgetExhaustedException(String scope, String window, long spent, long budget, Instant retryAt) {
        super("The token budget of " + scope + " for this UTC " + window + " is spent (" + spent + " of " + budget
                + " tokens); it refills at " + retryAt);
        this.scope = scope;
        this.window = window;
        this.retryAt = retryAt;
    }

    /** Returns the scope whose budget is spent, such as {@code key:acme}. */
    public String scope() {
        return scope;
    }

    /** Returns {@code day} or {@code month}. */
    public String window() {
        return window;
    }

    /** Returns when the budget refills: the start of the next UTC day or month. */
    public Instant retryAt() {
        return retryAt;
    }
}
