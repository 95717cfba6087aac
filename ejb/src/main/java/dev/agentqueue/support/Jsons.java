package dev.agentqueue.support;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Collection;

/**
 * The application's one JSON-P provider. {@code Json.createXxx} looks its provider up through the service loader on
 * every call, which under the server's module class loader costs a scan of {@code META-INF/services} and a lock on
 * the jar: a quarter of the server's CPU on the task path before this class existed (docs/BENCHMARKS.md).
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {}

    /** Returns the provider, for code that creates many values in a row. */
    static JsonProvider provider() {
        return PROVIDER;
    }

    /** Returns a new, empty object builder. */
    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** Returns a new, empty array builder. */
    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** Returns an array builder holding the given values. */
    public static JsonArrayBuilder array(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    /** Returns a JSON string value. */
    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    /** Returns a reader of the given JSON text; the caller closes it. */
    public static JsonReader reader(String text) {
        return PROVIDER.createReader(new StringReader(text));
    }
}
