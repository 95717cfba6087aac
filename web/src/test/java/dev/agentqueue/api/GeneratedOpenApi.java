package dev.agentqueue.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The OpenAPI document the build generated before the tests ran ({@code target/openapi/openapi.json}). */
public final class GeneratedOpenApi {

    private static final Path DOCUMENT = Path.of("target/openapi/openapi.json");

    private GeneratedOpenApi() {}

    /** Returns the whole document. */
    public static JsonObject document() {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(DOCUMENT))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(DOCUMENT.toAbsolutePath() + " is missing; run the tests through Maven", e);
        }
    }

    /** Returns the property names of a schema in the document's components. */
    public static Set<String> properties(String schema) {
        return document()
                .getJsonObject("components")
                .getJsonObject("schemas")
                .getJsonObject(schema)
                .getJsonObject("properties")
                .keySet();
    }
}
