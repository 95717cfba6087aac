package dev.agentqueue.metrics;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.broker.QueueStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The queues as gauges, read from the broker when scraped: messages in the task queue, those of them scheduled for
 * later and those being delivered, and the dead-letter queue's depth. One scrape reads each queue once; a broker
 * that cannot be asked shows as NaN. Registered at start-up, together with the breakers' gauges.
 */
@ApplicationScoped
public class QueueGauges {

    /** Readings are reused this long, so the four gauges of one scrape cost two broker reads. */
    private static final long READING_NANOS = 1_000_000_000L;

    @Inject
    MeterRegistry registry;

    @Inject
    BrokerManagement broker;

    @Inject
    BreakerMetrics breakers;

    /** The gauges hold their state weakly: these fields keep it. */
    private final Reading tasks = new Reading(() -> broker.taskQueue());

    private final Reading deadLetters = new Reading(() -> broker.deadLetterQueue());

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        gauge("agentqueue.queue.depth", tasks, QueueStats::messageCount);
        gauge("agentqueue.queue.scheduled", tasks, QueueStats::scheduledCount);
        gauge("agentqueue.queue.delivering", tasks, QueueStats::deliveringCount);
        gauge("agentqueue.dlq.depth", deadLetters, QueueStats::messageCount);
        breakers.registerKnown();
    }

    private void gauge(String name, Reading reading, ToDoubleFunction<QueueStats> value) {
        registry.gauge(
                name,
                Tags.empty(),
                reading,
                r -> InApplication.value(() -> {
                    QueueStats stats = r.get();
                    return stats == null ? Double.NaN : value.applyAsDouble(stats);
                }));
    }

    /** One queue's counters, read at most once per {@link #READING_NANOS}; null when the broker cannot be asked. */
    private static final class Reading {

        private final Supplier<QueueStats> source;
        private volatile QueueStats stats;
        private volatile long readAt;

        Reading(Supplier<QueueStats> source) {
            this.source = source;
        }

        QueueStats get() {
            long now = System.nanoTime();
            if (readAt == 0 || now - readAt > READING_NANOS) {
                try {
                    stats = source.get();
                } catch (BrokerUnavailableException e) {
                    stats = null;
                }
                readAt = now;
            }
            return stats;
        }
    }
}
