package dev.agentqueue.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StagingWatchTest {

    private static final long QUIET = StagingWatch.QUIET.toMillis();

    private final StagingWatch watch = new StagingWatch();

    @Test
    void lettersWhoseNumberStandsStillForTheQuietPeriodAreAbandoned() {
        assertThat(watch.abandoned(40, 0)).isFalse();
        assertThat(watch.abandoned(40, QUIET - 1)).isFalse();
        assertThat(watch.abandoned(40, QUIET)).isTrue();
    }

    @Test
    void lettersAnOperationIsStillTakingOnAreLeftToIt() {
        watch.abandoned(500, 0);
        assertThat(watch.abandoned(120, QUIET)).isFalse();
        assertThat(watch.abandoned(500, 2 * QUIET)).isFalse();
    }

    @Test
    void emptyStagingQueuesAreNeverAbandoned() {
        watch.abandoned(0, 0);
        assertThat(watch.abandoned(0, 10 * QUIET)).isFalse();
    }
}
