package dev.agentqueue.dlq.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.task.ErrorClassification;
import org.junit.jupiter.api.Test;

class BreakerRedriveTest {

    private final BreakerRedrive open =
            new BreakerRedrive("o", "scribe", null, "openai-x-443", 3, "ops", BreakerState.OPEN, null);

    @Test
    void aBreakerClosingAfterItWasOpenOrHalfOpenTriggersTheOrder() {
        assertThat(open.closedSinceLastSeen(BreakerState.CLOSED)).isTrue();
        assertThat(open.seen(BreakerState.HALF_OPEN).closedSinceLastSeen(BreakerState.CLOSED))
                .isTrue();
    }

    @Test
    void aBreakerThatWasClosedAllAlongOrIsStillOpenDoesNot() {
        assertThat(open.seen(BreakerState.CLOSED).closedSinceLastSeen(BreakerState.CLOSED))
                .isFalse();
        assertThat(open.closedSinceLastSeen(BreakerState.HALF_OPEN)).isFalse();
    }

    @Test
    void theJobItStartsRedrivesOnlyRetryableLettersOfItsAgentCanaryFirst() {
        RedriveJobSpec spec = open.jobSpec();

        assertThat(spec.filter().agent()).isEqualTo("scribe");
        assertThat(spec.classification()).isEqualTo(ErrorClassification.RETRYABLE);
        assertThat(spec.canary()).isEqualTo(3);
        assertThat(spec.confirm()).isFalse();
    }
}
