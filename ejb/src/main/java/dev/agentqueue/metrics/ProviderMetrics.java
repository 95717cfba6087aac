package dev.agentqueue.metrics;

import dev.agentqueue.agent.ProviderCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Agents' provider calls as meters: calls by agent, model and status ({@link ProviderCall}), and the tokens the
 * provider reported using, input and output, by agent and model. Agents and models come from the configuration, so
 * their number stays small.
 */
@ApplicationScoped
public class ProviderMetrics {

    static final String CALLS = "agentqueue.provider.calls";
    static final String TOKENS = "agentqueue.tokens";

    @Inject
    @Meters
    MeterCache meters;

    /** Creates metrics on {@code registry}, for tests. */
    static ProviderMetrics on(MeterRegistry registry) {
        ProviderMetrics metrics = new ProviderMetrics();
        metrics.meters = new MeterCache(registry);
        return metrics;
    }

    void called(@Observes ProviderCall call) {
        meters.counter(CALLS, Tags.of("agent", call.agent(), "model", call.model(), "status", call.status()))
                .increment();
    }

    /** Adds the tokens one chat run used, as its provider reported them. */
    public void tokens(String agent, String model, long input, long output) {
        tokenCounter(agent, model, "input").increment(input);
        tokenCounter(agent, model, "output").increment(output);
    }

    private Counter tokenCounter(String agent, String model, String direction) {
        return meters.counter(TOKENS, Tags.of("agent", agent, "model", model, "direction", direction));
    }
}
