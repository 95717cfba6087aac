package dev.agentqueue.callback;

import dev.agentqueue.webhook.RetryDelays;
import java.time.Duration;

/**
 * How a callback's tries go on: a 2xx answer delivers it; a 4xx other than 408 and 429, a redirect (never followed)
 * or an unusable URL ends it as failed; a 5xx, 408, 429, a connect error or a timeout is tried again after a doubling
 * delay, until {@code attempts} tries have been made.
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
        return new CallbackVerdict.Retry(status, why, RetryDelays.before(attempt + 1, retryDelay, maxRetryDelay));
    }
}
