package dev.agentqueue.dlq.triage;

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
    void retriesWaitTheRetryDelayThenDoubleIt() {
        Duration delay = Duration.ofMillis(500);

        assertThat(AlertWebhook.delayBefore(2, delay)).isEqualTo(Duration.ofMillis(500));
        assertThat(AlertWebhook.delayBefore(3, delay)).isEqualTo(Duration.ofSeconds(1));
        assertThat(AlertWebhook.delayBefore(4, delay)).isEqualTo(Duration.ofSeconds(2));
    }
}
