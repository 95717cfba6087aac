package dev.agentqueue.callback;

import dev.agentqueue.webhook.RetryDelays;
import java.time.Duration;

/**
 * How a callback's tries go on: a 2xx answer delivers it; a 4xx other than 408 and 429, a redirect (never followed)
 * or an unusable URL ends it as failed; a 5xx, 408, 429, a connect error or a timeout is tried again after a doubling
 * delay, or after the wait a 429 or 503 asked for in its {@code Retry-After} when that is longer, never longer than
 * {@code maxRetryDelay}, until {@code attempts} tries have been made.
 *
 * @param attempts tries at most
 * @param retryDelay the wait before the second try; it doubles for each one after
 * @param maxRetryDelay the longest wait between two tries
 */
public record CallbackPolicy(int attempts, Duration retryDelay, Duration maxRetryDelay) {

    public static final int DEFAULT_ATTEMPTS = 8;
    public static final String DEFAULT_RETRY_DELAY = "1s";
    public static final String DEFAULT_MAX_RETRY_DELAY = "10m";

    /** Decides what follows try {@code attempt} (from 1), which got {@code status} (null: no answer) or {@code error}. */
    public CallbackVerdict after(int attempt, Integer status, String error) {
        return after(attempt, status, error, null);
    }

    /**
     * Decides what follows try {@code attempt} like {@link #after(int, Integer, String)}, for an answer that asked
     * for {@code retryAfter} (its {@code Retry-After}; null: it did not).
     */
    public CallbackVerdict after(int attempt, Integer status, String error, Duration retryAfter) {
        if (status != null && status / 100 == 2) {
            return new CallbackVerdict.Delivered(status);
        }
        String why =
                status == null ? error : "HTTP " + status + (status / 100 == 3 ? ": redirects are not followed" : "");
        if (status != null && status != 408 && status != 429 && status < 500) {
            return new CallbackVerdict.Failed(status, why);
        }
        if (attempt >= attempts) {
            return new CallbackVerdict.Failed(status, why);
        }
        Duration backoff = RetryDelays.before(attempt + 1, retryDelay, maxRetryDelay);
        return new CallbackVerdict.Retry(status, why, longer(backoff, asked(status, retryAfter)));
    }

    /** Returns the wait the receiver asked for, as far as it is heeded: on a 429 or 503, up to the longest wait. */
    private Duration asked(Integer status, Duration retryAfter) {
        if (retryAfter == null || status == null || (status != 429 && status != 503)) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : retryAfter;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
