package dev.agentqueue.api.support;

import dev.agentqueue.support.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

/** Renders one page of a list the way every list route answers: {@code {items, nextCursor}}. */
public final class PageJson {

    private PageJson() {}

    /** Returns the page; {@code nextCursor} is {@code null} after the last page. */
    public static String of(JsonArrayBuilder items, String nextCursor) {
        return Jsons.object()
                .add("items", items)
                .add("nextCursor", nextCursor == null ? JsonValue.NULL : Jsons.string(nextCursor))
                .build()
                .toString();
    }
}
