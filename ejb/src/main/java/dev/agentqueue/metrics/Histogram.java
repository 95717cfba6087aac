package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A duration histogram in Prometheus' shape, made of meters WildFly's application registry does publish: a timer
 * for the count, sum and maximum ({@code <name>_seconds_count}, {@code _sum}, {@code _max}) and one gauge per bucket
 * with the cumulative count of observations up to its bound ({@code <name>_buckets{le="…"}}), ready for
 * {@code histogram_quantile}. (WildFly's registry for applications drops the histogram settings of a timer.)
 */
final class Histogram {

    /** Bucket bounds in seconds, from a fast job to a long-waiting retry. */
    static final double[] BOUNDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600
    };

    private final String name;
    private final Map<Tags, AtomicLong[]> buckets = new ConcurrentHashMap<>();

    Histogram(String name) {
        this.name = name;
    }

    /** Records one observation under {@code tags}. */
    void record(MeterRegistry registry, Tags tags, Duration took) {
        registry.timer(name, tags).record(took);
        AtomicLong[] counts = buckets.computeIfAbsent(tags, t -> register(registry, t));
        double seconds = took.toNanos() / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                counts[i].incrementAndGet();
            }
        }
        counts[BOUNDS.length].incrementAndGet();
    }

    /** The bucket gauges hold their counts weakly: this map keeps them. */
    private AtomicLong[] register(MeterRegistry registry, Tags tags) {
        AtomicLong[] counts = new AtomicLong[BOUNDS.length + 1];
        for (int i = 0; i <= BOUNDS.length; i++) {
            counts[i] = new AtomicLong();
            String le = i == BOUNDS.length ? "+Inf" : String.format(Locale.ROOT, "%s", BOUNDS[i]);
            registry.gauge(name + ".buckets", tags.and("le", le), counts[i], AtomicLong::get);
        }
        return counts;
    }
}
