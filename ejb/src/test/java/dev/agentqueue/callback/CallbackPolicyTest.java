package dev.agentqueue.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackPolicyTest {

    private final CallbackPolicy policy = new CallbackPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3));

    @Test
    void anyTwoHundredAnswerDeliversTheCallback() {
        assertThat(policy.after(1, 200, null)).isEqualTo(new CallbackVerdict.Delivered(200));
        assertThat(policy.after(4, 204, null)).isEqualTo(new CallbackVerdict.Delivered(204));
    }

    @Test
    void serverErrorsTimeoutsAndThrottlingAreRetriedWithADoublingCappedDelay() {
        assertThat(policy.after(1, 503, null))
                .isEqualTo(new CallbackVerdict.Retry(503, "HTTP 503", Duration.ofSeconds(1)));
        assertThat(policy.after(2, 408, null))
                .isEqualTo(new CallbackVerdict.Retry(408, "HTTP 408", Duration.ofSeconds(2)));
        assertThat(policy.after(3, null, "HttpConnectTimeoutException"))
                .isEqualTo(new CallbackVerdict.Retry(null, "HttpConnectTimeoutException", Duration.ofSeconds(3)));
        assertThat(policy.after(1, 429, null)).isInstanceOf(CallbackVerdict.Retry.class);
    }

    @Test
    void aReceiverThrottlingOrUnavailableIsTriedAgainNoSoonerThanItsRetryAfterAsks() {
        assertThat(policy.after(1, 429, null, Duration.ofSeconds(2)))
                .isEqualTo(new CallbackVerdict.Retry(429, "HTTP 429", Duration.ofSeconds(2)));
        assertThat(policy.after(1, 503, null, Duration.ofMillis(2_500)))
                .isEqualTo(new CallbackVerdict.Retry(503, "HTTP 503", Duration.ofMillis(2_500)));
        assertThat(policy.after(2, 429, null, Duration.ofMillis(100)))
                .as("a wait shorter than the backoff")
                .isEqualTo(new CallbackVerdict.Retry(429, "HTTP 429", Duration.ofSeconds(2)));
    }

    @Test
    void aRetryAfterIsHeededOnlyUpToTheLongestWaitAndOnlyOnA429OrA503() {
        assertThat(policy.after(1, 429, null, Duration.ofHours(1)))
                .isEqualTo(new CallbackVerdict.Retry(429, "HTTP 429", Duration.ofSeconds(3)));
        assertThat(policy.after(1, 500, null, Duration.ofSeconds(2)))
                .isEqualTo(new CallbackVerdict.Retry(500, "HTTP 500", Duration.ofSeconds(1)));
        assertThat(policy.after(4, 429, null, Duration.ofSeconds(2)))
                .as("the last try")
                .isEqualTo(new CallbackVerdict.Failed(429, "HTTP 429"));
    }

    @Test
    void theLastTryFailsTheCallbackForGood() {
        assertThat(policy.after(4, 500, null)).isEqualTo(new CallbackVerdict.Failed(500, "HTTP 500"));
        assertThat(policy.after(4, null, "ConnectException"))
                .isEqualTo(new CallbackVerdict.Failed(null, "ConnectException"));
    }

    @Test
    void aClientErrorOrARedirectIsFinalAtOnce() {
        assertThat(policy.after(1, 404, null)).isEqualTo(new CallbackVerdict.Failed(404, "HTTP 404"));
        assertThat(policy.after(1, 401, null)).isEqualTo(new CallbackVerdict.Failed(401, "HTTP 401"));
        assertThat(policy.after(1, 302, null))
                .isEqualTo(new CallbackVerdict.Failed(302, "HTTP 302: redirects are not followed"));
    }

    @Test
    void eachVerdictNamesTheCallbackStateItLeaves() {
        assertThat(policy.after(1, 200, null).state()).isEqualTo("DELIVERED");
        assertThat(policy.after(1, 500, null).state()).isEqualTo("PENDING");
        assertThat(policy.after(1, 400, null).state()).isEqualTo("FAILED");
    }
}
