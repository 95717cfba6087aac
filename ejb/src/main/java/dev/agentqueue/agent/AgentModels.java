package dev.agentqueue.agent;

import dev.agentqueue.breaker.BreakerNames;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.limits.CallLimits;
import dev.agentqueue.limits.RateLimitHeaders;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
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

    @Inject
    Event<ProviderCall> calls;

    @Inject
    CallLimits limits;

    /** Returns the chat model of an agent, building it on first use. */
    public ChatModel chatModel(AgentDefinition agent) {
        return models.computeIfAbsent(agent.name(), name -> build(agent));
    }

    /** Returns the name of the shared breaker guarding the agent's provider endpoint. */
    public static String breakerName(AgentDefinition agent) {
        return BreakerNames.forEndpoint(agent.provider(), agent.baseUrl());
    }

    private ChatModel build(AgentDefinition agent) {
        if (agent.model() == null || agent.model().isBlank()) {
            throw new IllegalArgumentException("Agent '" + agent.name() + "' has no model configured");
        }
        String endpoint = breakerName(agent);
        ProviderHttpClient.Builder http = new ProviderHttpClient.Builder(
                status -> calls.fire(new ProviderCall(agent.name(), agent.model(), status)),
                headers -> RateLimitHeaders.pauseUntil(headers, System.currentTimeMillis())
                        .ifPresent(until -> limits.pause(endpoint, until)));
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
