package dev.agentqueue.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRanksOfTheSortedSample() {
        long[] hundredDown = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        assertThat(LatencySummary.of(hundredDown)).isEqualTo(new LatencySummary(50, 95, 100, 100));
    }

    @Test
    void oneLatencyIsEveryPercentile() {
        assertThat(LatencySummary.of(new long[] {42})).isEqualTo(new LatencySummary(42, 42, 42, 1));
    }

    @Test
    void anEmptySampleHasNoSummary() {
        assertThat(LatencySummary.of(new long[0])).isNull();
    }
}
