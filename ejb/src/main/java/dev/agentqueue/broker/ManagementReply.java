package dev.agentqueue.broker;

import dev.agentqueue.support.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Reads the replies of an Artemis broker to management messages: a JSON array in the body holding the result, and
 * a flag saying whether the operation succeeded (the body then holds the error instead).
 */
final class ManagementReply {

    private ManagementReply() {}

    /** Returns the result a reply carries, or throws with the broker's error when the operation failed. */
    static JsonValue result(String what, boolean succeeded, String body) {
        JsonArray values;
        try (var reader = Jsons.reader(body == null ? "[]" : body)) {
            values = reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw new BrokerUnavailableException(what + ": the broker replied with " + body, e);
        }
        if (!succeeded) {
            String error = values.isEmpty() ? "no reason given" : text(values.get(0));
            throw new BrokerUnavailableException(what + " failed on the broker: " + error, null);
        }
        return values.isEmpty() ? JsonValue.NULL : values.get(0);
    }

    /** Returns a numeric result (a count); 0 when the broker gave none. */
    static long number(JsonValue result) {
        if (result instanceof JsonNumber n) {
            return n.longValue();
        }
        if (result instanceof JsonString s) {
            return Long.parseLong(s.getString());
        }
        return 0;
    }

    /** Returns a boolean result (an attribute such as {@code Paused}). */
    static boolean bool(JsonValue result) {
        return result == JsonValue.TRUE || result instanceof JsonString s && Boolean.parseBoolean(s.getString());
    }

    /** Returns a result as text: a string as it is, anything else as its JSON. */
    static String text(JsonValue result) {
        return result instanceof JsonString s ? s.getString() : result.toString();
    }

    /** Adds to {@code values} the value of message property {@code property} of each message of a listing. */
    static void collect(Set<String> values, String property, JsonValue messages) {
        if (!(messages instanceof JsonArray array)) {
            return;
        }
        for (JsonValue message : array) {
            if (message instanceof JsonObject fields
                    && fields.containsKey(property)
                    && fields.get(property) != JsonValue.NULL) {
                values.add(text(fields.get(property)));
            }
        }
    }

    /** Adds to {@code values} the property values of a listing by consumer (listDeliveringMessages' result). */
    static void collectByConsumer(Set<String> values, String property, JsonValue byConsumer) {
        if (byConsumer instanceof JsonObject consumers) {
            consumers.values().forEach(messages -> collect(values, property, messages));
        }
    }
}
