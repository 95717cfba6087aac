package dev.agentqueue.messaging;

import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.TaskIds;
import jakarta.jms.Message;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Writes and reads the version 1 JSON envelope of a task message. */
public final class EnvelopeCodec {

    /** Largest message body accepted from the queue; bigger bodies are poison. */
    public static final int MAX_BODY_CHARS = 2 * 1024 * 1024;

    private EnvelopeCodec() {}

    /** Renders an envelope as its JSON body. */
    public static String encode(TaskEnvelope envelope) {
        JsonObjectBuilder json = Jsons.object()
                .add("id", envelope.id())
                .add("contract", envelope.contract())
                .add("payload", envelope.payload())
                .add("priority", envelope.priority())
                .add("timeoutMs", envelope.timeoutMs())
                .add("createdAt", envelope.createdAt());
        addIfPresent(json, "agent", envelope.agent());
        addIfPresent(json, "correlationId", envelope.correlationId());
        addIfPresent(json, "idempotencyKey", envelope.idempotencyKey());
        return json.build().toString();
    }

    /**
     * Reads an envelope from a message body. Fields a plain JMS producer may leave out are filled in: the id from
     * {@code fallbackId}, the creation time from {@code fallbackCreatedAt}, the timeout from
     * {@code defaultTimeoutMs}.
     *
     * @throws MalformedEnvelopeException when the body is not a usable version 1 envelope
     */
    public static TaskEnvelope decode(String body, String fallbackId, long fallbackCreatedAt, long defaultTimeoutMs) {
        if (body == null || body.isBlank()) {
            throw new MalformedEnvelopeException("Message body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new MalformedEnvelopeException(
                    "Message body has " + body.length() + " characters; the limit is " + MAX_BODY_CHARS);
        }
        JsonObject json;
        try (var reader = Jsons.reader(body)) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            // JsonException, or what the parser throws beyond its limits ("Input is too deeply nested"): poison
            // either way, never an exception that rolls the delivery back to loop until the broker gives up.
            throw new MalformedEnvelopeException("Message body is not a JSON object: " + e.getMessage(), e);
        }
        String id = optionalString(json, "id");
        if (id != null && !TaskIds.isValid(id)) {
            throw new MalformedEnvelopeException("Envelope id '" + id + "' is not a lower-case UUID");
        }
        String contract = optionalString(json, "contract");
        if (contract == null || contract.isBlank()) {
            throw new MalformedEnvelopeException("Envelope has no contract");
        }
        JsonValue payload = json.getOrDefault("payload", JsonValue.EMPTY_JSON_OBJECT);
        if (payload.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedEnvelopeException("Envelope payload must be a JSON object");
        }
        // Without a priority a task has the one JMS gives a message by default.
        long priority = optionalLong(json, "priority", Message.DEFAULT_PRIORITY);
        if (priority < 0 || priority > 9) {
            throw new MalformedEnvelopeException("Envelope priority must be 0-9");
        }
        long timeoutMs = optionalLong(json, "timeoutMs", defaultTimeoutMs);
        if (timeoutMs <= 0) {
            throw new MalformedEnvelopeException("Envelope timeoutMs must be positive");
        }
        return new TaskEnvelope(
                id == null ? fallbackId : id,
                contract,
                optionalString(json, "agent"),
                payload.asJsonObject(),
                (int) priority,
                optionalString(json, "correlationId"),
                optionalString(json, "idempotencyKey"),
                timeoutMs,
                optionalLong(json, "createdAt", fallbackCreatedAt));
    }

    /** Reads the id from a body if it has a valid one, for recording a message that is otherwise unusable. */
    public static String idIn(String body) {
        try (var reader = Jsons.reader(body)) {
            JsonValue id = reader.readObject().get("id");
            return id instanceof JsonString s && TaskIds.isValid(s.getString()) ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String optionalString(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new MalformedEnvelopeException("Envelope field " + name + " must be a string");
    }

    private static long optionalLong(JsonObject json, String name, long fallback) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                // longValue() would wrap around: 10^40 must not become priority 0.
                throw new MalformedEnvelopeException("Envelope field " + name + " is out of range", e);
            }
        }
        throw new MalformedEnvelopeException("Envelope field " + name + " must be an integer");
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
