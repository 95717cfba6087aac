package dev.agentqueue.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which minutes a throughput sample recounts, so that one failed or skipped sample is made good by the next. */
class ThroughputSamplerTest {

    private static final long MINUTE = 60_000;
    private static final long NOON = 1_796_000_400_000L; // a minute's start
    private static final long NOW = NOON + 20_000;

    @Test
    void theFirstSampleRecountsTheMinuteBeforeAndTheCurrentOne() {
        assertThat(ThroughputSampler.minutesToRecount(-1, NOW)).containsExactly(NOON - MINUTE, NOON);
    }

    @Test
    void aSampleAfterAGoodOneRecountsTheMinuteBeforeAndTheCurrentOne() {
        assertThat(ThroughputSampler.minutesToRecount(NOON - MINUTE, NOW)).containsExactly(NOON - MINUTE, NOON);
    }

    @Test
    void aSampleAfterFailedOnesRecountsEveryMinuteTheyLeftOpenOldestFirst() {
        assertThat(ThroughputSampler.minutesToRecount(NOON - 4 * MINUTE, NOW))
                .containsExactly(NOON - 4 * MINUTE, NOON - 3 * MINUTE, NOON - 2 * MINUTE, NOON - MINUTE, NOON);
    }

    @Test
    void aSampleAfterALongOutageReachesBackOnlyTenMinutes() {
        assertThat(ThroughputSampler.minutesToRecount(NOON - 45 * MINUTE, NOW))
                .hasSize(ThroughputSampler.CATCH_UP_MINUTES)
                .startsWith(NOON - 9 * MINUTE)
                .endsWith(NOON);
    }
}
