package dev.agentqueue.api.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

/** Renders one page of a list the way every list route answers: {@code {items, nextCursor}}. */
public final class PageJson {

    private PageJson() {}

    /** Returns the page; {@code nextCursor} is {@code null} after the last page. */
    public static String of(JsonArrayBuilder items, String nextCursor) {
        return Json.createObjectBuilder()
                .add("items", items)
                .add("nextCursor", nextCursor == null ? JsonValue.NULL : Json.createValue(nextCursor))
                .build()
                .toString();
    }
}
