package dev.agentqueue.api.support;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.support.JsonRecords;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * Reads request bodies into records: one JSON object with known members only, each of its record component's type,
 * refusing anything else with a 400 problem that names the field.
 */
public final class JsonBodies {

    private JsonBodies() {}

    /** Returns the reader of a request body of type {@code type}; keep it, readers are thread-safe. */
    public static ObjectReader reader(Class<?> type) {
        return JsonRecords.mapper().readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Reads {@code body} with a {@link #reader}. */
    public static <T> T read(String body, ObjectReader reader) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "The request body is empty; send a JSON object");
        }
        T value;
        try {
            value = reader.readValue(body);
        } catch (JsonMappingException e) {
            throw refusal(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(null, "Malformed JSON: " + e.getMessage());
        }
        if (value == null) {
            throw ApiException.badRequest(null, "The request body must be a JSON object");
        }
        return value;
    }

    /** Refuses a body whose member {@code field} is present but wrong. */
    public static ApiException invalid(String field, String rule) {
        return ApiException.badRequest(field, field + " " + rule);
    }

    /** Names the member a mapping failed on and what was wrong with it; a failure at the top means no object. */
    private static ApiException refusal(JsonMappingException e) {
        if (e.getCause() instanceof JsonProcessingException notJson
                && !(notJson instanceof JsonMappingException)
                && !(notJson instanceof InputCoercionException)) {
            // Not JSON, or beyond the parser's limits, inside a member: the body as a whole is unreadable.
            return malformed(notJson);
        }
        String field = field(e.getPath(), false);
        if (field == null) {
            return ApiException.badRequest(null, "The request body must be a JSON object");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.badRequest(
                    field,
                    "Unknown field '" + abbreviate(field) + "'; accepted fields: "
                            + sorted(unknown.getKnownPropertyIds()));
        }
        String named = field(e.getPath(), true);
        if (e.getCause() instanceof InputCoercionException) {
            return ApiException.badRequest(field, named + " is out of range");
        }
        Class<?> expected = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return ApiException.badRequest(field, named + " must be " + kind(expected));
    }

    private static ApiException malformed(JacksonException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return ApiException.badRequest(null, "Malformed JSON: " + e.getOriginalMessage());
        }
        return ApiException.badRequest(
                null,
                "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }

    /**
     * The member's name with its enclosing members' ({@code filter.agent}), and with the index of an array's item
     * ({@code ids[2]}) when {@code withIndexes}; null for the body itself.
     */
    private static String field(List<JsonMappingException.Reference> path, boolean withIndexes) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (withIndexes && step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return JsonObject.class.isAssignableFrom(type) ? "a JSON object" : "an object";
    }

    private static List<String> sorted(Collection<Object> names) {
        return names.stream().map(String::valueOf).sorted().toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
