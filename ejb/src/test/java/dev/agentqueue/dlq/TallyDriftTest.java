package dev.agentqueue.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TallyDriftTest {

    private final TallyDrift drift = new TallyDrift();

    @Test
    void aSteadyDifferenceSeenTwiceCallsForARecount() {
        assertThat(drift.recountNeeded(10, 12)).isFalse();
        assertThat(drift.recountNeeded(10, 12)).isTrue();
    }

    @Test
    void aDifferenceThatMovesIsAMoveUnderWayNotDrift() {
        assertThat(drift.recountNeeded(100, 90)).isFalse();
        assertThat(drift.recountNeeded(80, 75)).isFalse();
        assertThat(drift.recountNeeded(50, 50)).isFalse();
        assertThat(drift.recountNeeded(50, 50)).isFalse();
    }

    @Test
    void afterARecountTheNextDifferenceIsJudgedAfresh() {
        drift.recountNeeded(1, 2);
        assertThat(drift.recountNeeded(1, 2)).isTrue();
        assertThat(drift.recountNeeded(1, 2)).isFalse();
    }
}
