package dev.agentqueue.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedeliverySettingsTest {

    private final RedeliverySettings settings = new RedeliverySettings(1_000, 2.0, 60_000, 5);

    @Test
    void theDelayGrowsByTheMultiplierAfterEachFailedAttempt() {
        assertThat(settings.delayAfterAttempt(1)).isEqualTo(1_000);
        assertThat(settings.delayAfterAttempt(2)).isEqualTo(2_000);
        assertThat(settings.delayAfterAttempt(4)).isEqualTo(8_000);
    }

    @Test
    void theDelayIsCappedByTheMaximumRedeliveryDelay() {
        assertThat(settings.delayAfterAttempt(10)).isEqualTo(60_000);
    }

    @Test
    void theLastAttemptIsTheMaxDeliveryAttempts() {
        assertThat(settings.isLastAttempt(4)).isFalse();
        assertThat(settings.isLastAttempt(5)).isTrue();
        assertThat(new RedeliverySettings(0, 1, 0, -1).isLastAttempt(100)).isFalse();
    }
}
