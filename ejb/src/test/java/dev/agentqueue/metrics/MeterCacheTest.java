package dev.agentqueue.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cache hands out the registry's own meters, one per name and tags, so what it counts the registry publishes. */
class MeterCacheTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MeterCache meters = new MeterCache(registry);

    @Test
    void theSameNameAndTagsGiveTheSameRegisteredCounter() {
        Counter first = meters.counter("agentqueue.tasks.completed", Tags.of("contract", "c"));
        Counter again = meters.counter("agentqueue.tasks.completed", Tags.of("contract", "c"));
        first.increment();
        again.increment();

        assertThat(again).isSameAs(first);
        assertThat(registry.get("agentqueue.tasks.completed")
                        .tag("contract", "c")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void otherTagsGiveAnotherSeries() {
        meters.counter("agentqueue.tasks.completed", Tags.of("contract", "c")).increment();
        meters.counter("agentqueue.tasks.completed", Tags.of("contract", "d")).increment();

        assertThat(registry.find("agentqueue.tasks.completed").counters()).hasSize(2);
    }

    @Test
    void aTimerIsKeptLikeACounter() {
        meters.timer("agentqueue.attempt.duration", Tags.of("contract", "c")).record(Duration.ofMillis(5));
        meters.timer("agentqueue.attempt.duration", Tags.of("contract", "c")).record(Duration.ofMillis(7));

        assertThat(registry.get("agentqueue.attempt.duration").timer().count()).isEqualTo(2);
    }
}
