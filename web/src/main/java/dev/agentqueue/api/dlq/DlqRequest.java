package dev.agentqueue.api.dlq;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.task.TaskIds;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * The body of {@code POST /dlq/redrive} and {@code /dlq/purge}: exactly one of {@code ids} (task ids),
 * {@code filter} ({@code contract}, {@code agent}, {@code fingerprint}; at least one) or, for a purge only,
 * {@code "all": true}.
 */
record DlqRequest(Set<String> ids, DeadLetterFilter filter) {

    /** Most ids one request may name. */
    static final int MAX_IDS = 1000;

    /** The fields of a redrive's body. */
    static final Set<String> REDRIVE_FIELDS = Set.of("ids", "filter");

    /** The fields of a purge's body. */
    static final Set<String> PURGE_FIELDS = Set.of("ids", "filter", "all");

    /** The fields of a filter. */
    static final Set<String> FILTER_FIELDS = Set.of("contract", "agent", "fingerprint");

    static DlqRequest parse(String body, boolean allowAll) {
        JsonObject json = JsonBodies.object(body, allowAll ? PURGE_FIELDS : REDRIVE_FIELDS);
        if (json.size() != 1) {
            throw ApiException.badRequest(
                    null, "Send exactly one of " + (allowAll ? "ids, filter or all" : "ids or filter"));
        }
        if (json.containsKey("ids")) {
            return new DlqRequest(JsonBodies.strings(json, "ids", MAX_IDS, TaskIds::isValid, "task id"), null);
        }
        if (json.containsKey("all")) {
            if (json.get("all") != JsonValue.TRUE) {
                throw ApiException.badRequest("all", "all must be true");
            }
            return new DlqRequest(null, DeadLetterFilter.ALL);
        }
        return new DlqRequest(null, filter(json.get("filter")));
    }

    /** Reads a {@code filter} object: at least one of contract, agent and fingerprint. */
    static DeadLetterFilter filter(JsonValue value) {
        if (!(value instanceof JsonObject filter) || filter.isEmpty()) {
            throw ApiException.badRequest(
                    "filter", "filter must be an object with at least one of contract, agent, fingerprint");
        }
        JsonBodies.requireKnown(filter, FILTER_FIELDS, "filter");
        return new DeadLetterFilter(
                filterValue(filter, "contract"),
                filterValue(filter, "agent"),
                filterValue(filter, "fingerprint"),
                null);
    }

    private static String filterValue(JsonObject filter, String name) {
        JsonValue value = filter.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw ApiException.badRequest("filter." + name, "filter." + name + " must be a string");
        }
        return QueryParams.name("filter." + name, string.getString());
    }
}
