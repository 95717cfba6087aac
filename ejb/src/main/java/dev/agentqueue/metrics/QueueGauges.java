package dev.agentqueue.metrics;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.BrokerUnavailableException;
import dev.agentqueue.broker.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Reading tasks = new Reading(broker::taskQueue);
        Reading deadLetters = new Reading(broker::deadLetterQueue);
        gauge(
                "agentqueue.queue.depth",
                "Messages in the task queue: ready, scheduled and in delivery",
                tasks,
                s -> s.messageCount());
        gauge(
                "agentqueue.queue.scheduled",
                "Task messages scheduled for later (delays, retries)",
                tasks,
                s -> s.scheduledCount());
        gauge(
                "agentqueue.queue.delivering",
                "Task messages being delivered to workers",
                tasks,
                s -> s.deliveringCount());
        gauge("agentqueue.dlq.depth", "Messages in the dead-letter queue", deadLetters, s -> s.messageCount());
        breakers.registerKnown();
    }

    private void gauge(String name, String description, Reading reading, ToDoubleFunction<QueueStats> value) {
        Gauge.builder(name, () -> {
                    QueueStats stats = reading.get();
                    return stats == null ? Double.NaN : value.applyAsDouble(stats);
                })
                .description(description)
                .register(registry);
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
