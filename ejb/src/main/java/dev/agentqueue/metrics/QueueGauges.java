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
 * The queues as gauges: messages in the task queue, those of them scheduled for later and those being delivered, and
 * the dead-letter queue's depth, as read from the broker every two seconds ({@link GaugeRefresh}: the server scrapes
 * on a thread where the application's beans cannot be reached); a broker that cannot be asked shows as NaN.
 * Registered at start-up, together with the breakers' gauges.
 */
@ApplicationScoped
public class QueueGauges {

    @Inject
    @Meters
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
        FreshGauges.register(registry, name, Tags.empty(), reading, r -> {
            QueueStats stats = r.stats;
            return stats == null ? Double.NaN : value.applyAsDouble(stats);
        });
    }

    /** Reads the queues again; called on an application thread ({@link GaugeRefresh}), never by a scrape. */
    void refresh() {
        tasks.refresh();
        deadLetters.refresh();
    }

    /** One queue's counters as last read; null when the broker could not be asked. */
    private static final class Reading {

        private final Supplier<QueueStats> source;
        private volatile QueueStats stats;

        Reading(Supplier<QueueStats> source) {
            this.source = source;
        }

        void refresh() {
            try {
                stats = source.get();
            } catch (BrokerUnavailableException e) {
                stats = null;
            }
        }
    }
}
