package dev.agentqueue.metrics;

import dev.agentqueue.breaker.BreakerObserved;
import dev.agentqueue.breaker.BreakerSnapshot;
import dev.agentqueue.breaker.BreakerState;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.redis.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared circuit breakers as meters: each breaker's state, read from Redis every two seconds (0 closed, 1
 * half-open, 2 open), and the transitions this server saw, by breaker and the states before and after. Other servers count
 * the transitions they see themselves.
 */
@ApplicationScoped
public class BreakerMetrics {

    static final String STATE = "agentqueue.breaker.state";
    static final String TRANSITIONS = "agentqueue.breaker.transitions";

    @Inject
    @Meters
    MeterRegistry registry;

    @Inject
    @Meters
    MeterCache meters;

    @Inject
    SharedBreakers breakers;

    private final Map<String, BreakerState> lastSeen = new ConcurrentHashMap<>();
    /** Each breaker's state level as last read from Redis ({@link #refresh}); the gauges read it from here. */
    private final Map<String, Double> states = new ConcurrentHashMap<>();

    /** Creates metrics on {@code registry} outside CDI, for tests; they read no breaker from Redis. */
    static BreakerMetrics on(MeterRegistry registry) {
        BreakerMetrics metrics = new BreakerMetrics();
        metrics.registry = registry;
        metrics.meters = new MeterCache(registry);
        return metrics;
    }

    void observed(@Observes BreakerObserved observed) {
        BreakerState before = lastSeen.put(observed.name(), observed.state());
        if (before == null) {
            registerState(observed.name());
        }
        // The state just seen is the freshest reading there is: the gauge need not wait for the next refresh.
        states.put(observed.name(), (double) level(observed.state()));
        if (before != null && before != observed.state()) {
            meters.counter(
                            TRANSITIONS,
                            Tags.of(
                                    "breaker",
                                    observed.name(),
                                    "from",
                                    before.name(),
                                    "to",
                                    observed.state().name()))
                    .increment();
        }
    }

    /** Registers the state gauge of every breaker Redis knows, so they show before this server uses them. */
    void registerKnown() {
        try {
            breakers.list().forEach(b -> registerState(b.name()));
        } catch (StoreUnavailableException e) {
            // Redis is down: each breaker's gauge comes with its first use instead.
        }
    }

    private void registerState(String name) {
        states.putIfAbsent(name, Double.NaN);
        FreshGauges.register(
                registry, STATE, Tags.of("breaker", name), states, known -> known.getOrDefault(name, Double.NaN));
    }

    /** Reads the breakers' states again; called on an application thread ({@link GaugeRefresh}), never by a scrape. */
    void refresh() {
        states.keySet().forEach(name -> states.put(name, stateOf(name)));
    }

    private double stateOf(String name) {
        try {
            Optional<BreakerSnapshot> snapshot = breakers.find(name);
            return snapshot.map(s -> (double) level(s.state())).orElse(Double.NaN);
        } catch (StoreUnavailableException e) {
            return Double.NaN;
        }
    }

    /** Returns the gauge value of a state. */
    static int level(BreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
