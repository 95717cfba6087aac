package dev.agentqueue.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each bucket counts the observations up to its bound, as Prometheus' histograms do. */
class HistogramTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Histogram histogram = new Histogram("agentqueue.attempt.duration", new MeterCache(meters));

    @Test
    void bucketsAreCumulativeAndTheTimerCountsAndSumsEveryObservation() {
        Tags tags = Tags.of("contract", "c");
        histogram.record(tags, Duration.ofMillis(3));
        histogram.record(tags, Duration.ofMillis(700));
        histogram.record(tags, Duration.ofHours(2));

        assertThat(bucket("0.005")).isEqualTo(1);
        assertThat(bucket("0.5")).isEqualTo(1);
        assertThat(bucket("1.0")).isEqualTo(2);
        assertThat(bucket("3600.0")).isEqualTo(2);
        assertThat(bucket("+Inf")).isEqualTo(3);
        assertThat(meters.get("agentqueue.attempt.duration").timer().count()).isEqualTo(3);
    }

    private double bucket(String le) {
        return meters.get("agentqueue.attempt.duration.buckets")
                .tag("contract", "c")
                .tag("le", le)
                .counter()
                .count();
    }
}
