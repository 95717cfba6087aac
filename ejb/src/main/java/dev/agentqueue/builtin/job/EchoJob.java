package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Diagnostic job {@code echo}: returns its arguments. Strings in {@code arguments.warnings} are recorded as
 * non-fatal warnings, to exercise that path end to end.
 */
@ApplicationScoped
public class EchoJob implements JobHandler {

    @Override
    public String jobType() {
        return "echo";
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public void validate(JsonObject arguments) {
        JsonValue warnings = arguments.get("warnings");
        if (warnings != null
                && (warnings.getValueType() != JsonValue.ValueType.ARRAY
                        || !warnings.asJsonArray().stream().allMatch(JsonString.class::isInstance))) {
            throw new IllegalArgumentException("arguments.warnings must be an array of strings");
        }
    }

    @Override
    public JsonValue handle(JsonObject arguments, TaskContext context) {
        validate(arguments);
        JsonValue warnings = arguments.get("warnings");
        if (warnings != null) {
            warnings.asJsonArray().getValuesAs(JsonString.class).forEach(w -> context.warn(w.getString()));
        }
        return arguments;
    }
}
