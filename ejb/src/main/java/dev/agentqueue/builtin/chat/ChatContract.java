package dev.agentqueue.builtin.chat;

import dev.agentqueue.agent.AgentModels;
import dev.agentqueue.agent.ProviderFaults;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.contract.AgentDefinition;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.RetryableTaskException;
import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.limits.LimitSettings;
import dev.agentqueue.limits.TokenEstimates;
import dev.agentqueue.metrics.ProviderMetrics;
import dev.agentqueue.support.Jsons;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in {@code agentqueue.chat.v1} contract: payload {@code {user_message, context, stream}}, answered by the
 * task's agent (with {@code stream: true} an {@code openai} agent's answer goes to the task's live events as it streams
 * in); returns {@code {final_text, model, usage:{input_tokens, output_tokens}}}. Each call goes through the shared
 * breaker of the agent's provider endpoint; provider failures are classified by {@link ProviderFaults}. The tokens a
 * run used are counted by agent and model.
 */
@ApplicationScoped
public class ChatContract implements ExecutionContract {

    public static final String ID = "agentqueue.chat.v1";

    /** Longest user message accepted at enqueue, in characters. */
    static final int MAX_MESSAGE_LENGTH = 100_000;

    @Inject
    AgentModels models;

    @Inject
    SharedBreakers breakers;

    @Inject
    ProviderMetrics providerMetrics;

    @Inject
    LimitSettings limits;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean requiresAgent() {
        return true;
    }

    @Override
    public Optional<String> breaker(AgentDefinition agent) {
        return Optional.ofNullable(agent).map(AgentModels::breakerName);
    }

    @Override
    public void validate(JsonObject payload) {
        JsonValue message = payload.get("user_message");
        if (!(message instanceof JsonString text) || text.getString().isBlank()) {
            throw new IllegalArgumentException("payload.user_message must be a non-empty string");
        }
        if (text.getString().length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("payload.user_message is longer than " + MAX_MESSAGE_LENGTH);
        }
        JsonValue context = payload.get("context");
        if (context != null
                && context.getValueType() != JsonValue.ValueType.NULL
                && context.getValueType() != JsonValue.ValueType.STRING
                && context.getValueType() != JsonValue.ValueType.OBJECT
                && context.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("payload.context must be a string, an object or an array");
        }
        JsonValue stream = payload.get("stream");
        if (stream != null && stream != JsonValue.TRUE && stream != JsonValue.FALSE) {
            throw new IllegalArgumentException("payload.stream must be true or false");
        }
    }

    @Override
    public long tokenEstimate(JsonObject payload, AgentDefinition agent) {
        if (!(payload.get("user_message") instanceof JsonString)) {
            return 0;
        }
        List<String> texts =
                messages(agent, payload).stream().map(ChatContract::text).toList();
        return TokenEstimates.ofChat(
                texts, agent.maxTokens() == null ? limits.defaultOutputTokens() : agent.maxTokens());
    }

    @Override
    public JsonValue execute(TaskContext task) throws Exception {
        try {
            validate(task.payload());
        } catch (IllegalArgumentException e) {
            throw new TerminalTaskException(e.getMessage(), e);
        }
        AgentDefinition agent = task.agent()
                .orElseThrow(() -> new TerminalTaskException(ID + " needs an agent and the task names none"));
        ChatModel model;
        Optional<StreamingChatModel> streaming;
        try {
            model = models.chatModel(agent);
            streaming =
                    task.payload().getBoolean("stream", false) ? models.streamingChatModel(agent) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new TerminalTaskException(e.getMessage(), e);
        }
        ChatRequest request =
                ChatRequest.builder().messages(messages(agent, task.payload())).build();
        ChatResponse response = breakers.call(
                AgentModels.breakerName(agent),
                () -> {
                    try {
                        return streaming.isPresent()
                                ? StreamedChat.call(streaming.get(), request, task)
                                : model.chat(request);
                    } catch (RuntimeException e) {
                        throw ProviderFaults.translate(agent, e);
                    }
                },
                failure -> failure instanceof RetryableTaskException);
        TokenUsage usage = response.tokenUsage();
        if (usage != null) {
            providerMetrics.tokens(
                    agent.name(), agent.model(), count(usage.inputTokenCount()), count(usage.outputTokenCount()));
        }
        return result(agent, response);
    }

    private static List<ChatMessage> messages(AgentDefinition agent, JsonObject payload) {
        List<ChatMessage> messages = new ArrayList<>();
        if (agent.instructions() != null && !agent.instructions().isBlank()) {
            messages.add(SystemMessage.from(agent.instructions()));
        }
        JsonValue context = payload.get("context");
        if (context instanceof JsonString text && !text.getString().isBlank()) {
            messages.add(SystemMessage.from("Context:\n" + text.getString()));
        } else if (context != null
                && (context.getValueType() == JsonValue.ValueType.OBJECT
                        || context.getValueType() == JsonValue.ValueType.ARRAY)) {
            messages.add(SystemMessage.from("Context (JSON):\n" + context));
        }
        messages.add(UserMessage.from(payload.getString("user_message")));
        return messages;
    }

    private static String text(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        return ((UserMessage) message).singleText();
    }

    private static JsonValue result(AgentDefinition agent, ChatResponse response) {
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null) {
            // The provider answered without text (a tool call, a content filter): a failed run, never a result.
            throw new TerminalTaskException(
                    "Agent '" + agent.name() + "' returned no text (finish reason " + response.finishReason() + ")");
        }
        TokenUsage usage = response.tokenUsage();
        String modelName = response.modelName() != null ? response.modelName() : agent.model();
        return Jsons.object()
                .add("final_text", text)
                .add("model", modelName)
                .add(
                        "usage",
                        Jsons.object()
                                .add("input_tokens", count(usage == null ? null : usage.inputTokenCount()))
                                .add("output_tokens", count(usage == null ? null : usage.outputTokenCount())))
                .build();
    }

    private static int count(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }
}
