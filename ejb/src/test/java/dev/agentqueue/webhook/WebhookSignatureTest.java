package dev.agentqueue.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsTheHmacSha256OfTheBodyInHex() {
        // RFC 4231, test case 2.
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void anotherSecretOrBodyGivesAnotherSignature() {
        String signature = WebhookSignature.sign("secret", "{\"kind\":\"NEW_FINGERPRINT\"}");

        assertThat(WebhookSignature.sign("other", "{\"kind\":\"NEW_FINGERPRINT\"}"))
                .isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("secret", "{\"kind\":\"FAST_GROWTH\"}"))
                .isNotEqualTo(signature);
    }

    @Test
    void aTimestampedSignatureCoversTheTimestampDotTheBody() {
        String body = "{\"taskId\":\"t-1\",\"state\":\"COMPLETED\"}";

        assertThat(WebhookSignature.sign("secret", 1_765_000_000L, body))
                .isEqualTo(WebhookSignature.sign("secret", "1765000000." + body))
                .isNotEqualTo(WebhookSignature.sign("secret", 1_765_000_001L, body));
    }

    @Test
    void retriesWaitTheRetryDelayThenDoubleIt() {
        Duration delay = Duration.ofMillis(500);
        Duration cap = Duration.ofHours(1);

        assertThat(RetryDelays.before(2, delay, cap)).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryDelays.before(3, delay, cap)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryDelays.before(4, delay, cap)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryDelaysStopGrowingAtTheirCap() {
        Duration cap = Duration.ofSeconds(5);

        assertThat(RetryDelays.before(5, Duration.ofSeconds(1), cap)).isEqualTo(cap);
        assertThat(RetryDelays.before(60, Duration.ofSeconds(1), cap)).isEqualTo(cap);
    }
}
