package dev.agentqueue.dlq.edit;

import dev.agentqueue.producer.InvalidTaskException;
import dev.agentqueue.support.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Reads the JSON text an edit carries; text that is no object is the caller's fault. */
final class EditJson {

    private EditJson() {}

    static JsonObject object(String json) {
        try (var reader = Jsons.reader(json)) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidTaskException("payload", "payload is not valid JSON: " + e.getMessage());
        }
        throw new InvalidTaskException("payload", "payload must be a JSON object");
    }
}
