package dev.agentqueue.builtin.embed;

import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.contract.TaskContext;
import dev.agentqueue.contract.TerminalTaskException;
import dev.agentqueue.support.Jsons;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The built-in {@code agentqueue.embed.v1} contract: payload {@code {texts[]}}; returns
 * {@code {vectors:[[...]], dimension, model}}, one vector per text, from {@link LocalEmbeddingModel}. Needs no agent
 * and no network.
 */
@ApplicationScoped
public class EmbedContract implements ExecutionContract {

    public static final String ID = "agentqueue.embed.v1";

    /** Most texts per task. */
    static final int MAX_TEXTS = 256;

    /** Longest text accepted, in characters; the model reads at most 256 tokens of each anyway. */
    static final int MAX_TEXT_LENGTH = 8_192;

    @Inject
    LocalEmbeddingModel embeddings;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(JsonObject payload) {
        JsonValue texts = payload.get("texts");
        if (texts == null || texts.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("payload.texts must be an array of strings");
        }
        JsonArray array = texts.asJsonArray();
        if (array.isEmpty() || array.size() > MAX_TEXTS) {
            throw new IllegalArgumentException("payload.texts must hold 1 to " + MAX_TEXTS + " strings");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString text) || text.getString().isBlank()) {
                throw new IllegalArgumentException("payload.texts[" + i + "] must be a non-blank string");
            }
            if (text.getString().length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException(
                        "payload.texts[" + i + "] is longer than " + MAX_TEXT_LENGTH + " characters");
            }
        }
    }

    @Override
    public JsonValue execute(TaskContext task) {
        try {
            validate(task.payload());
        } catch (IllegalArgumentException e) {
            throw new TerminalTaskException(e.getMessage(), e);
        }
        List<TextSegment> segments = task.payload().getJsonArray("texts").getValuesAs(JsonString.class).stream()
                .map(text -> TextSegment.from(text.getString()))
                .toList();
        List<Embedding> vectors = embeddings.model().embedAll(segments).content();
        JsonArrayBuilder array = Jsons.array();
        for (Embedding embedding : vectors) {
            JsonArrayBuilder vector = Jsons.array();
            for (float value : embedding.vector()) {
                vector.add(value);
            }
            array.add(vector);
        }
        return Jsons.object()
                .add("vectors", array)
                .add("dimension", vectors.isEmpty() ? 0 : vectors.get(0).dimension())
                .add("model", LocalEmbeddingModel.MODEL_NAME)
                .build();
    }
}
