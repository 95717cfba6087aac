package dev.agentqueue.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final MeterCache meters;
    /** The meters of each set of tags, resolved once: an observation then only counts. */
    private final Map<Tags, Series> series = new ConcurrentHashMap<>();

    Histogram(String name, MeterCache meters) {
        this.name = name;
        this.meters = meters;
    }

    /** Records one observation under {@code tags}. */
    void record(Tags tags, Duration took) {
        Series observed = series.computeIfAbsent(tags, this::resolve);
        observed.timer().record(took);
        double seconds = took.toNanos() / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                observed.buckets()[i].increment();
            }
        }
        observed.buckets()[BOUNDS.length].increment();
    }

    private Series resolve(Tags tags) {
        Counter[] buckets = new Counter[BOUNDS.length + 1];
        for (int i = 0; i < BOUNDS.length; i++) {
            buckets[i] = bucket(tags, String.valueOf(BOUNDS[i]));
        }
        buckets[BOUNDS.length] = bucket(tags, "+Inf");
        return new Series(meters.timer(name, tags), buckets);
    }

    private Counter bucket(Tags tags, String le) {
        return meters.counter(name + ".buckets", tags.and("le", le));
    }

    /** A histogram's timer and its bucket counters, the last one +Inf. */
    private record Series(Timer timer, Counter[] buckets) {}
}
