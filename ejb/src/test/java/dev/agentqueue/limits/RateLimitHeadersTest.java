package dev.agentqueue.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pausing before a provider's 429, from its rate-limit headers. */
class RateLimitHeadersTest {

    @Test
    void noRequestLeftPausesUntilTheRequestsReset() {
        Map<String, List<String>> headers = Map.of(
                "x-ratelimit-limit-requests", List.of("500"),
                "x-ratelimit-remaining-requests", List.of("0"),
                "x-ratelimit-reset-requests", List.of("120ms"),
                "x-ratelimit-remaining-tokens", List.of("90000"),
                "x-ratelimit-reset-tokens", List.of("6m0s"));

        assertThat(RateLimitHeaders.pauseUntil(headers, 1_000)).hasValue(1_120);
    }

    @Test
    void tokensDownToAPercentOfTheLimitPauseUntilTheTokensReset() {
        Map<String, List<String>> headers = Map.of(
                "X-RateLimit-Limit-Tokens", List.of("200000"),
                "X-RateLimit-Remaining-Tokens", List.of("1500"),
                "X-RateLimit-Reset-Tokens", List.of("1m2.5s"));

        assertThat(RateLimitHeaders.pauseUntil(headers, 0)).hasValue(62_500);
    }

    @Test
    void plentyLeftOrNoHeadersMeanNoPause() {
        assertThat(RateLimitHeaders.pauseUntil(
                        Map.of(
                                "x-ratelimit-limit-requests", List.of("500"),
                                "x-ratelimit-remaining-requests", List.of("499"),
                                "x-ratelimit-reset-requests", List.of("120ms")),
                        0))
                .isEmpty();
        assertThat(RateLimitHeaders.pauseUntil(Map.of(), 0)).isEmpty();
    }

    @Test
    void resetsInTheProvidersFormatsAreReadAndNonsenseIsNot() {
        assertThat(RateLimitHeaders.durationMs("20ms")).isEqualTo(20);
        assertThat(RateLimitHeaders.durationMs("1h2m3s")).isEqualTo(3_723_000);
        assertThat(RateLimitHeaders.durationMs("0.5s")).isEqualTo(500);
        assertThat(RateLimitHeaders.durationMs("soon")).isEqualTo(-1);
        assertThat(RateLimitHeaders.durationMs("5x")).isEqualTo(-1);
    }
}
