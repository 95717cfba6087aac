package dev.agentqueue.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.agent.ProviderCall;
import dev.agentqueue.breaker.BreakerObserved;
import dev.agentqueue.breaker.BreakerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Metrics ask the registry for each counter once, however often they count on it: WildFly's registry for applications
 * answers every such question by searching through all the meters it holds.
 */
class MeterLookupsTest {

    private final CountingRegistry registry = new CountingRegistry();

    @Test
    void providerCallsAndTokensAskForEachCounterOnce() {
        ProviderMetrics metrics = ProviderMetrics.on(registry);

        for (int i = 0; i < 3; i++) {
            metrics.called(new ProviderCall("scribe", "fake-small", "200"));
            metrics.tokens("scribe", "fake-small", 10, 5);
        }

        assertThat(registry.lookups).hasValue(3);
        assertThat(registry.get(ProviderMetrics.CALLS).counter().count()).isEqualTo(3);
        assertThat(registry.get(ProviderMetrics.TOKENS)
                        .tag("direction", "input")
                        .counter()
                        .count())
                .isEqualTo(30);
    }

    @Test
    void breakerTransitionsAskForEachCounterOnce() {
        BreakerMetrics metrics = BreakerMetrics.on(registry);

        for (BreakerState state : new BreakerState[] {
            BreakerState.CLOSED, BreakerState.OPEN, BreakerState.CLOSED, BreakerState.OPEN, BreakerState.CLOSED
        }) {
            metrics.observed(new BreakerObserved("openai-x", state));
        }

        assertThat(registry.lookups).hasValue(2);
        assertThat(registry.get(BreakerMetrics.TRANSITIONS)
                        .tag("to", "OPEN")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void deadLetterAlertsAskForEachCounterOnce() {
        DeadLetterAlertMetrics metrics = DeadLetterAlertMetrics.on(registry);

        for (int i = 0; i < 3; i++) {
            metrics.alerted("NEW_FINGERPRINT");
            metrics.suppressed();
            metrics.webhookFailed();
        }

        assertThat(registry.lookups).hasValue(3);
        assertThat(registry.get(DeadLetterAlertMetrics.SUPPRESSED).counter().count())
                .isEqualTo(3);
    }

    @Test
    void callbackTriesAskForEachCounterOnce() {
        CallbackMetrics metrics = CallbackMetrics.on(registry);

        for (int i = 0; i < 3; i++) {
            metrics.tried("delivered");
        }

        assertThat(registry.lookups).hasValue(1);
        assertThat(registry.get(CallbackMetrics.TRIES)
                        .tag("outcome", "delivered")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    /** A registry that counts how often it is asked for a counter. */
    private static final class CountingRegistry extends SimpleMeterRegistry {

        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Counter counter(String name, Iterable<Tag> tags) {
            lookups.incrementAndGet();
            return super.counter(name, tags);
        }
    }
}
