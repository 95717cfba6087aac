package dev.agentqueue.testsupport.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** Reads the JSON bodies the API and its neighbours answer with. */
public final class JsonBodies {

    private JsonBodies() {}

    /** Parses {@code body} as a JSON object; a blank body reads as the empty object. */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
