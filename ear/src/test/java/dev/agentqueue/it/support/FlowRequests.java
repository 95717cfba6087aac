package dev.agentqueue.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** Test data: {@code POST /flows} bodies, {@code flow(step("a", task), step("b", task, "a"))}. */
public final class FlowRequests {

    private FlowRequests() {}

    /** A flow of {@code steps}, in this order. */
    public static JsonObject flow(JsonObjectBuilder... steps) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder step : steps) {
            array.add(step);
        }
        return Json.createObjectBuilder().add("steps", array).build();
    }

    /** A step named {@code name} that runs {@code task} once the steps {@code after} have completed. */
    public static JsonObjectBuilder step(String name, JsonObjectBuilder task, String... after) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("task", task)
                .add("after", Json.createArrayBuilder(List.of(after)));
    }
}
