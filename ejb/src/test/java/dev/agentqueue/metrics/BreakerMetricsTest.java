package dev.agentqueue.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.breaker.BreakerObserved;
import dev.agentqueue.breaker.BreakerState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Breaker transitions are counted from the states this server sees, each change once. */
class BreakerMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BreakerMetrics metrics = BreakerMetrics.on(meters);

    @Test
    void aBreakerThatOpensAndRecoversCountsEachChangeOnce() {
        for (BreakerState state : new BreakerState[] {
            BreakerState.CLOSED,
            BreakerState.CLOSED,
            BreakerState.OPEN,
            BreakerState.OPEN,
            BreakerState.HALF_OPEN,
            BreakerState.CLOSED
        }) {
            metrics.observed(new BreakerObserved("openai-x", state));
        }

        assertThat(transitions("CLOSED", "OPEN")).isEqualTo(1.0);
        assertThat(transitions("OPEN", "HALF_OPEN")).isEqualTo(1.0);
        assertThat(transitions("HALF_OPEN", "CLOSED")).isEqualTo(1.0);
        assertThat(meters.find(BreakerMetrics.TRANSITIONS).counters()).hasSize(3);
    }

    @Test
    void stateLevelsRiseWithTheRefusal() {
        assertThat(BreakerMetrics.level(BreakerState.CLOSED)).isZero();
        assertThat(BreakerMetrics.level(BreakerState.HALF_OPEN)).isEqualTo(1);
        assertThat(BreakerMetrics.level(BreakerState.OPEN)).isEqualTo(2);
    }

    private double transitions(String from, String to) {
        return meters.get(BreakerMetrics.TRANSITIONS)
                .tag("breaker", "openai-x")
                .tag("from", from)
                .tag("to", to)
                .counter()
                .count();
    }
}
