package dev.agentqueue.contract;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A named agent: which provider endpoint and model it calls, with what instructions and limits. Defined in
 * MicroProfile Config under {@code agentqueue.agents.<name>.*} or by a CDI producer of this type.
 *
 * @param provider {@code openai} (any OpenAI-compatible endpoint) or {@code ollama}
 * @param apiKey credential for the provider; never logged or shown
 */
public record AgentDefinition(
        String name,
        String provider,
        String baseUrl,
        String model,
        String apiKey,
        String instructions,
        Duration timeout,
        Integer maxTokens) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        provider = provider == null ? "openai" : provider;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Returns the API key, if one is configured. */
    public Optional<String> apiKeyValue() {
        return Optional.ofNullable(apiKey).filter(k -> !k.isBlank());
    }

    /** Renders the agent without its credential. */
    @Override
    public String toString() {
        return "Agent(name=" + name + ", provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKeyValue().isPresent() ? "****" : "none") + ")";
    }
}
