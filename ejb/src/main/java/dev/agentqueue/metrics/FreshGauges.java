package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * Registers a gauge in place of one a previous deployment left behind: the server's registry outlives a deployment and
 * answers a second registration of the same name and tags with the old gauge, whose state the new deployment never
 * refreshes (it would show NaN, or the old deployment's last value, forever).
 */
final class FreshGauges {

    private FreshGauges() {}

    /** Removes any gauge {@code name} with {@code tags}, then registers one that reads {@code state} with {@code value}. */
    static <T> void register(MeterRegistry registry, String name, Tags tags, T state, ToDoubleFunction<T> value) {
        registry.find(name).tags(tags).gauges().forEach(registry::remove);
        registry.gauge(name, tags, state, value);
    }
}
