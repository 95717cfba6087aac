package dev.agentqueue.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TallyDriftTest {

    private final TallyDrift drift = new TallyDrift();

    @Test
    void aDifferenceOnAQuietQueueCallsForARecount() {
        assertThat(drift.recountNeeded(10, 12)).isFalse();
        assertThat(drift.recountNeeded(10, 12)).isTrue();
    }

    @Test
    void aDifferenceWhileLettersComeAndGoIsNotDrift() {
        assertThat(drift.recountNeeded(100, 97)).isFalse();
        assertThat(drift.recountNeeded(103, 100)).isFalse();
        assertThat(drift.recountNeeded(106, 103)).isFalse();
    }

    @Test
    void aTallyInStepWithTheQueueIsNeverRecounted() {
        assertThat(drift.recountNeeded(50, 50)).isFalse();
        assertThat(drift.recountNeeded(50, 50)).isFalse();
    }
}
