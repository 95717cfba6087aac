package dev.agentqueue.api.support;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.support.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/** Reads request bodies: one JSON object with known fields only, refusing anything else with a 400 problem. */
public final class JsonBodies {

    private JsonBodies() {}

    /** Parses {@code body} as a JSON object whose members are all among {@code fields}. */
    public static JsonObject object(String body, Set<String> fields) {
        JsonObject json = object(body);
        requireKnown(json, fields, null);
        return json;
    }

    /** Refuses members of {@code json} not among {@code fields}; {@code prefix} names the enclosing field. */
    public static void requireKnown(JsonObject json, Set<String> fields, String prefix) {
        for (String name : json.keySet()) {
            if (!fields.contains(name)) {
                String field = prefix == null ? name : prefix + "." + name;
                throw ApiException.badRequest(
                        field,
                        "Unknown field '" + abbreviate(field) + "'; accepted fields: "
                                + fields.stream().sorted().toList());
            }
        }
    }

    /**
     * Returns the strings of an array member, each accepted by {@code valid}; refuses an empty or longer than
     * {@code max} array, and duplicates are dropped.
     */
    public static Set<String> strings(JsonObject json, String name, int max, Predicate<String> valid, String what) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > max) {
            throw ApiException.badRequest(name, name + " must be an array of 1 to " + max + " " + what + "s");
        }
        Set<String> strings = new LinkedHashSet<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString string) || !valid.test(string.getString())) {
                throw ApiException.badRequest(name, name + " must hold only " + what + "s");
            }
            strings.add(string.getString());
        }
        return strings;
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "The request body is empty; send a JSON object");
        }
        JsonValue value;
        try (var reader = Jsons.reader(body)) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw ApiException.badRequest(
                    null,
                    "Malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // JsonException, or what the parser throws beyond its limits ("Input is too deeply nested").
            throw ApiException.badRequest(null, "Malformed JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(null, "The request body must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
