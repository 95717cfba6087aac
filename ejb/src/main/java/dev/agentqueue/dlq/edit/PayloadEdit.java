package dev.agentqueue.dlq.edit;

import dev.agentqueue.producer.InvalidTaskException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;

/** How an operator changes a dead letter's payload before it is redriven: a new payload, or a JSON merge patch. */
public sealed interface PayloadEdit extends Serializable {

    /** Returns the payload this edit makes of {@code current}. */
    JsonObject apply(JsonObject current);

    /** Returns the name the task's history records this kind of edit by. */
    String kind();

    /** Replaces the payload as a whole. */
    static PayloadEdit replace(JsonObject payload) {
        return new Replace(payload.toString());
    }

    /** Merges {@code patch} into the payload as RFC 7396 says: members set, {@code null} members removed. */
    static PayloadEdit mergePatch(JsonObject patch) {
        return new MergePatch(patch.toString());
    }

    /** A whole new payload, kept as JSON text so that the edit is serializable. */
    record Replace(String payloadJson) implements PayloadEdit {
        @Override
        public JsonObject apply(JsonObject current) {
            return EditJson.object(payloadJson);
        }

        @Override
        public String kind() {
            return "REPLACE";
        }
    }

    /** A JSON merge patch, kept as JSON text so that the edit is serializable. */
    record MergePatch(String patchJson) implements PayloadEdit {
        @Override
        public JsonObject apply(JsonObject current) {
            JsonValue merged = Json.createMergePatch(EditJson.object(patchJson)).apply(current);
            if (!(merged instanceof JsonObject object)) {
                throw new InvalidTaskException("patch", "the patched payload must be a JSON object");
            }
            return object;
        }

        @Override
        public String kind() {
            return "MERGE_PATCH";
        }
    }
}
