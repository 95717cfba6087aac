package dev.agentqueue.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks each counter and timer up in a registry once per name and tags, and keeps it for every later use. WildFly's
 * registry for applications answers {@code counter(name, tags)} and {@code timer(name, tags)} by searching through
 * every meter it holds, so asking it on every task cost more server CPU than the rest of a task's metrics together.
 * The tags come through {@link MeterTags} or from the configuration, so the meters kept are few. The application's
 * one cache comes from {@link MeterRegistries}.
 */
final class MeterCache {

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    MeterCache(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Returns the counter {@code name} with {@code tags}, registering it on first use. */
    Counter counter(String name, Tags tags) {
        return counters.computeIfAbsent(new Key(name, tags), key -> registry.counter(key.name(), key.tags()));
    }

    /** Returns the timer {@code name} with {@code tags}, registering it on first use. */
    Timer timer(String name, Tags tags) {
        return timers.computeIfAbsent(new Key(name, tags), key -> registry.timer(key.name(), key.tags()));
    }

    private record Key(String name, Tags tags) {}
}
