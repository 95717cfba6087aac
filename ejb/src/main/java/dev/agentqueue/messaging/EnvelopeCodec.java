package dev.agentqueue.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskIds;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Writes and reads the version 1 JSON envelope of a task message. */
public final class EnvelopeCodec {

    /** Largest message body accepted from the queue; bigger bodies are poison. */
    public static final int MAX_BODY_CHARS = 2 * 1024 * 1024;

    private static final Set<String> INTEGER_FIELDS = Set.of("priority", "timeoutMs", "createdAt");

    // Resolved once: the mapper's per-call lookups of a type's serializer are a measurable share of a message.
    private static final ObjectWriter WRITER = JsonRecords.mapper().writerFor(TaskEnvelope.class);
    private static final ObjectReader READER = JsonRecords.mapper().readerFor(Received.class);
    private static final ObjectReader ID_READER = JsonRecords.mapper().readerFor(IdOnly.class);

    private EnvelopeCodec() {}

    /**
     * The envelope as it may arrive: every member optional, the payload any JSON value, so that what is missing can
     * be filled in and what is wrong can be named.
     */
    private record Received(
            String id,
            String contract,
            String agent,
            JsonValue payload,
            Long priority,
            String correlationId,
            String idempotencyKey,
            Long timeoutMs,
            Long createdAt,
            String concurrencyKey,
            String callbackUrl) {}

    /** The id alone, for a body that is otherwise unusable. */
    private record IdOnly(JsonValue id) {}

    /** Renders an envelope as its JSON body. */
    public static String encode(TaskEnvelope envelope) {
        try {
            return WRITER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an envelope from a message body. Fields a plain JMS producer may leave out are filled in: the id from
     * {@code fallbackId}, the creation time from {@code fallbackCreatedAt}, the timeout from
     * {@code defaultTimeoutMs}.
     *
     * @throws MalformedEnvelopeException when the body is not a usable version 1 envelope
     */
    public static TaskEnvelope decode(String body, String fallbackId, long fallbackCreatedAt, long defaultTimeoutMs) {
        Received json = read(body);
        if (json.id() != null && !TaskIds.isValid(json.id())) {
            throw new MalformedEnvelopeException("Envelope id '" + json.id() + "' is not a lower-case UUID");
        }
        if (json.contract() == null || json.contract().isBlank()) {
            throw new MalformedEnvelopeException("Envelope has no contract");
        }
        JsonValue payload = json.payload() == null ? JsonValue.EMPTY_JSON_OBJECT : json.payload();
        if (!(payload instanceof JsonObject)) {
            throw new MalformedEnvelopeException("Envelope payload must be a JSON object");
        }
        // Without a priority a task has the one JMS gives a message by default.
        long priority = json.priority() == null ? Message.DEFAULT_PRIORITY : json.priority();
        if (priority < 0 || priority > 9) {
            throw new MalformedEnvelopeException("Envelope priority must be 0-9");
        }
        long timeoutMs = json.timeoutMs() == null ? defaultTimeoutMs : json.timeoutMs();
        if (timeoutMs <= 0) {
            throw new MalformedEnvelopeException("Envelope timeoutMs must be positive");
        }
        return new TaskEnvelope(
                json.id() == null ? fallbackId : json.id(),
                json.contract(),
                json.agent(),
                payload.asJsonObject(),
                (int) priority,
                json.correlationId(),
                json.idempotencyKey(),
                timeoutMs,
                json.createdAt() == null ? fallbackCreatedAt : json.createdAt(),
                json.concurrencyKey(),
                json.callbackUrl());
    }

    /** Reads the id from a body if it has a valid one, for recording a message that is otherwise unusable. */
    public static String idIn(String body) {
        try {
            JsonValue id = ID_READER.<IdOnly>readValue(body).id();
            return id instanceof jakarta.json.JsonString s && TaskIds.isValid(s.getString()) ? s.getString() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static Received read(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedEnvelopeException("Message body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new MalformedEnvelopeException(
                    "Message body has " + body.length() + " characters; the limit is " + MAX_BODY_CHARS);
        }
        try {
            return READER.readValue(body);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException notJson
                    && !(notJson instanceof JsonMappingException)
                    && !(notJson instanceof InputCoercionException)) {
                // Not JSON, or beyond the parser's limits, inside a member: the body as a whole is unreadable.
                throw new MalformedEnvelopeException("Message body is not a JSON object: " + notJson.getMessage(), e);
            }
            throw new MalformedEnvelopeException(wrongMember(e), e);
        } catch (JsonProcessingException | RuntimeException e) {
            // Not JSON, or beyond the parser's limits: poison either way, never an exception that rolls the delivery
            // back to loop until the broker gives up.
            throw new MalformedEnvelopeException("Message body is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** Names the member a mapping failed on; a failure at the top means the body is no object. */
    private static String wrongMember(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return "Message body is not a JSON object";
        }
        String name = path.get(0).getFieldName();
        if (name.equals("payload")) {
            return "Envelope payload must be a JSON object";
        }
        if (e.getCause() instanceof InputCoercionException) {
            // A number beyond long: 10^40 must not wrap around to priority 0.
            return "Envelope field " + name + " is out of range";
        }
        return "Envelope field " + name + (INTEGER_FIELDS.contains(name) ? " must be an integer" : " must be a string");
    }
}
