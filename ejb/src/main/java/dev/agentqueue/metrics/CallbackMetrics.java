package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counts the tries of completion callbacks by outcome: {@code delivered}, {@code retried}, {@code failed}. */
@ApplicationScoped
public class CallbackMetrics {

    static final String TRIES = "agentqueue.callbacks";

    @Inject
    @Meters
    MeterCache meters;

    /** Creates the metrics outside CDI, for tests. */
    static CallbackMetrics on(MeterRegistry registry) {
        CallbackMetrics metrics = new CallbackMetrics();
        metrics.meters = new MeterCache(registry);
        return metrics;
    }

    /** Counts one try of a callback that ended in {@code outcome}. */
    public void tried(String outcome) {
        meters.counter(TRIES, Tags.of("outcome", outcome)).increment();
    }
}
