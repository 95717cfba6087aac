package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.task.TaskIds;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The body of {@code POST /dlq/redrive} and {@code /dlq/purge}, read as a {@link DlqSchemas.Selection} or
 * {@link DlqSchemas.PurgeSelection}: exactly one of {@code ids} (task ids), {@code filter} ({@code contract},
 * {@code agent}, {@code fingerprint}; at least one) or, for a purge only, {@code "all": true}.
 */
record DlqRequest(Set<String> ids, DeadLetterFilter filter) {

    /** Most ids one request may name. */
    static final int MAX_IDS = 1000;

    private static final ObjectReader REDRIVE = JsonBodies.reader(DlqSchemas.Selection.class);
    private static final ObjectReader PURGE = JsonBodies.reader(DlqSchemas.PurgeSelection.class);

    /** Reads the body of a redrive. */
    static DlqRequest redrive(String body) {
        DlqSchemas.Selection selection = JsonBodies.read(body, REDRIVE);
        return of(selection.ids(), selection.filter(), null, "ids or filter");
    }

    /** Reads the body of a purge. */
    static DlqRequest purge(String body) {
        DlqSchemas.PurgeSelection selection = JsonBodies.read(body, PURGE);
        return of(selection.ids(), selection.filter(), selection.all(), "ids, filter or all");
    }

    private static DlqRequest of(List<String> ids, DlqSchemas.Filter filter, Boolean all, String choices) {
        if (Stream.of(ids, filter, all).filter(member -> member != null).count() != 1) {
            throw ApiException.badRequest(null, "Send exactly one of " + choices);
        }
        if (ids != null) {
            return new DlqRequest(ids(ids), null);
        }
        if (all != null) {
            if (!all) {
                throw JsonBodies.invalid("all", "must be true");
            }
            return new DlqRequest(null, DeadLetterFilter.ALL);
        }
        return new DlqRequest(null, filter(filter));
    }

    /** Checks a {@code filter}: at least one of contract, agent and fingerprint, each a name. */
    static DeadLetterFilter filter(DlqSchemas.Filter filter) {
        if (filter == null || filter.contract() == null && filter.agent() == null && filter.fingerprint() == null) {
            throw JsonBodies.invalid("filter", "must be an object with at least one of contract, agent, fingerprint");
        }
        return new DeadLetterFilter(
                QueryParams.name("filter.contract", filter.contract()),
                QueryParams.name("filter.agent", filter.agent()),
                QueryParams.name("filter.fingerprint", filter.fingerprint()),
                null);
    }

    /** The ids named, duplicates dropped; refuses an empty or longer than {@link #MAX_IDS} list. */
    private static Set<String> ids(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw JsonBodies.invalid("ids", "must be an array of 1 to " + MAX_IDS + " task ids");
        }
        if (!ids.stream().allMatch(id -> id != null && TaskIds.isValid(id))) {
            throw JsonBodies.invalid("ids", "must hold only task ids");
        }
        return new LinkedHashSet<>(ids);
    }
}
