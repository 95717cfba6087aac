package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counts the tries of completion callbacks by outcome: {@code delivered}, {@code retried}, {@code failed}. */
@ApplicationScoped
public class CallbackMetrics {

    static final String TRIES = "agentqueue.callbacks";

    @Inject
    @Meters
    MeterRegistry registry;

    /** Counts one try of a callback that ended in {@code outcome}. */
    public void tried(String outcome) {
        registry.counter(TRIES, "outcome", outcome).increment();
    }
}
