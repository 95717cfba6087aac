package dev.agentqueue.limits;

import java.time.Duration;

/**
 * The limits of one scope; zero means no limit of that kind.
 *
 * @param burst how much of a minute's allowance may be used at once: the requests and tokens a scope lends ahead of
 *     its steady rate
 */
public record LimitParameters(long requestsPerMinute, long tokensPerMinute, int concurrentCalls, Duration burst) {

    /** A second's worth: a limit is never overrun by a burst, at the cost of spreading calls evenly. */
    public static final Duration DEFAULT_BURST = Duration.ofSeconds(1);

    /** No limit of any kind. */
    public static final LimitParameters NONE = new LimitParameters(0, 0, 0, DEFAULT_BURST);

    public LimitParameters {
        if (requestsPerMinute < 0 || tokensPerMinute < 0 || concurrentCalls < 0) {
            throw new IllegalArgumentException("limits are zero (none) or positive");
        }
        if (burst == null || burst.isNegative()) {
            throw new IllegalArgumentException("burst must be a positive duration");
        }
    }

    /** Tells whether any limit is set. */
    public boolean limited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0 || concurrentCalls > 0;
    }
}
