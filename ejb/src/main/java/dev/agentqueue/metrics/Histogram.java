package dev.agentqueue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;

/**
 * A duration histogram in Prometheus' shape, made of meters WildFly's application registry does publish: a timer
 * for the count, sum and maximum ({@code <name>_seconds_count}, {@code _sum}, {@code _max}) and one counter per
 * bucket with the cumulative count of observations up to its bound ({@code <name>_buckets_total{le="…"}}), ready
 * for {@code histogram_quantile}. (WildFly's registry for applications drops the histogram settings of a timer.)
 */
final class Histogram {

    /** Bucket bounds in seconds, from a fast job to a long-waiting retry. */
    static final double[] BOUNDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600
    };

    private final String name;

    Histogram(String name) {
        this.name = name;
    }

    /** Records one observation under {@code tags}. */
    void record(MeterRegistry registry, Tags tags, Duration took) {
        registry.timer(name, tags).record(took);
        double seconds = took.toNanos() / 1e9;
        for (double bound : BOUNDS) {
            if (seconds <= bound) {
                bucket(registry, tags, String.format(Locale.ROOT, "%s", bound));
            }
        }
        bucket(registry, tags, "+Inf");
    }

    private void bucket(MeterRegistry registry, Tags tags, String le) {
        registry.counter(name + ".buckets", tags.and("le", le)).increment();
    }
}
