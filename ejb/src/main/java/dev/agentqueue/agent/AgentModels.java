package dev.agentqueue.agent;

import dev.agentqueue.breaker.BreakerNames;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.limits.CallLimits;
import dev.agentqueue.limits.RateLimitHeaders;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds each agent's LangChain4j chat model once and keeps it: models are thread-safe and hold an HTTP client
 * worth reusing. LangChain4j's own retries are off: the broker retries, and the breaker must see every failure. Each
 * HTTP call a model makes is announced as a {@link ProviderCall} event, and its rate-limit headers may pause the
 * endpoint's calls ({@link RateLimitHeaders}).
 */
@ApplicationScoped
public class AgentModels {

    private final Map<String, ChatModel> models = new ConcurrentHashMap<>();
    private final Map<String, StreamingChatModel> streamingModels = new ConcurrentHashMap<>();

    @Inject
    Event<ProviderCall> calls;

    @Inject
    CallLimits limits;

    /** Returns the chat model of an agent, building it on first use. */
    public ChatModel chatModel(AgentDefinition agent) {
        return models.computeIfAbsent(agent.name(), name -> build(agent));
    }

    /**
     * Returns the streaming chat model of an agent, building it on first use; empty for a provider whose answers are
     * not streamed here (only {@code openai} ones are).
     */
    public Optional<StreamingChatModel> streamingChatModel(AgentDefinition agent) {
        if (!"openai".equals(agent.provider().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(streamingModels.computeIfAbsent(agent.name(), name -> {
            checkModel(agent);
            return OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(http(agent))
                    .baseUrl(agent.baseUrl())
                    .apiKey(agent.apiKeyValue().orElse(null))
                    .modelName(agent.model())
                    .maxTokens(agent.maxTokens())
                    .timeout(agent.timeout())
                    .build();
        }));
    }

    /** Returns the name of the shared breaker guarding the agent's provider endpoint. */
    public static String breakerName(AgentDefinition agent) {
        return BreakerNames.forEndpoint(agent.provider(), agent.baseUrl());
    }

    private static void checkModel(AgentDefinition agent) {
        if (agent.model() == null || agent.model().isBlank()) {
            throw new IllegalArgumentException("Agent '" + agent.name() + "' has no model configured");
        }
    }

    private ProviderHttpClient.Builder http(AgentDefinition agent) {
        String endpoint = breakerName(agent);
        return new ProviderHttpClient.Builder(
                status -> calls.fire(new ProviderCall(agent.name(), agent.model(), status)),
                headers -> RateLimitHeaders.pauseUntil(headers, System.currentTimeMillis())
                        .ifPresent(until -> limits.pause(endpoint, until)));
    }

    private ChatModel build(AgentDefinition agent) {
        checkModel(agent);
        ProviderHttpClient.Builder http = http(agent);
        return switch (agent.provider().toLowerCase(Locale.ROOT)) {
            case "openai" ->
                OpenAiChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(agent.baseUrl())
                        .apiKey(agent.apiKeyValue().orElse(null))
                        .modelName(agent.model())
                        .maxTokens(agent.maxTokens())
                        .timeout(agent.timeout())
                        .maxRetries(0)
                        .build();
            case "ollama" ->
                OllamaChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(agent.baseUrl())
                        .modelName(agent.model())
                        .numPredict(agent.maxTokens())
                        .timeout(agent.timeout())
                        .maxRetries(0)
                        .build();
            default ->
                throw new IllegalArgumentException("Agent '" + agent.name() + "' names unknown provider '"
                        + agent.provider() + "'; use openai or ollama");
        };
    }
}
