package dev.agentqueue.limits;

import dev.agentqueue.support.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the configured limits from MicroProfile Config: {@code agentqueue.limits.endpoints.<endpoint>.<limit>} and
 * {@code agentqueue.limits.agents.<agent>.<limit>}, where a limit is {@code requests-per-minute},
 * {@code tokens-per-minute}, {@code concurrent-calls} or {@code burst}, and {@code agentqueue.limits.keys.<key>.*}
 * for a task's concurrency key, whose {@code concurrent-calls} defaults to {@code agentqueue.limits.key-concurrency};
 * a key's or an agent's token budget is {@code tokens-per-day} and {@code tokens-per-month};
 * {@code agentqueue.limits.burst} is every scope's default burst. An admin's live settings in Redis override them ({@link CallLimits#set}).
 */
@ApplicationScoped
public class LimitSettings {

    /** How long a call refused for want of a free slot waits before it asks again. */
    public static final Duration DEFAULT_CONCURRENCY_RETRY = Duration.ofMillis(500);

    /** The output a call is assumed to produce when its agent sets no {@code max-tokens}. */
    public static final int DEFAULT_OUTPUT_TOKENS = 256;

    @Inject
    Config config;

    /** Returns the configured limits of a scope. */
    public LimitParameters parameters(LimitScope scope) {
        return new LimitParameters(
                number(scope, "requests-per-minute"),
                number(scope, "tokens-per-minute"),
                (int) value(scope, "concurrent-calls")
                        .or(() -> scope.kind().equals(LimitScope.KEY)
                                ? config.getOptionalValue("agentqueue.limits.key-concurrency", String.class)
                                : Optional.empty())
                        .map(Long::parseLong)
                        .orElse(0L)
                        .longValue(),
                value(scope, "burst")
                        .or(() -> config.getOptionalValue("agentqueue.limits.burst", String.class))
                        .map(Durations::parse)
                        .orElse(LimitParameters.DEFAULT_BURST));
    }

    /** Returns the configured token budget of a scope (a key's or an agent's; none for an endpoint). */
    public TokenBudget budget(LimitScope scope) {
        return new TokenBudget(number(scope, "tokens-per-day"), number(scope, "tokens-per-month"));
    }

    /** Returns how long a call refused for want of a free slot waits before it asks again. */
    public Duration concurrencyRetry() {
        return config.getOptionalValue("agentqueue.limits.concurrency-retry", String.class)
                .map(Durations::parse)
                .orElse(DEFAULT_CONCURRENCY_RETRY);
    }

    /** Returns the output tokens a call is assumed to produce when its agent sets no maximum. */
    public int defaultOutputTokens() {
        return config.getOptionalValue("agentqueue.limits.default-output-tokens", Integer.class)
                .orElse(DEFAULT_OUTPUT_TOKENS);
    }

    private long number(LimitScope scope, String key) {
        return value(scope, key).map(Long::parseLong).orElse(0L);
    }

    private Optional<String> value(LimitScope scope, String key) {
        return config.getOptionalValue(
                "agentqueue.limits." + scope.kind() + "s." + scope.id() + "." + key, String.class);
    }
}
