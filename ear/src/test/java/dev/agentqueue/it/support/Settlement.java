package dev.agentqueue.it.support;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The exact account of a batch of accepted tasks once they have settled, as the reliability scenarios report it:
 * how many ended in each state, how many recorded their result more than once, how many attempts they spent, and
 * what the attempt history says happened to the attempts that did not finish.
 */
public final class Settlement {

    private static final Set<String> SETTLED = Set.of("COMPLETED", "DEAD_LETTER", "CANCELLED", "PURGED");

    private final Map<String, JsonObject> records;

    private Settlement(Map<String, JsonObject> records) {
        this.records = records;
    }

    /** Waits until every task in {@code ids} is settled, failing with the ones still pending after {@code deadline}. */
    public static Settlement await(AgentQueueApi api, Collection<String> ids, Duration deadline) {
        Map<String, JsonObject> records = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(ids);
        Deadline.await(
                "all " + ids.size() + " tasks to settle",
                deadline,
                () -> {
                    pending.removeIf(id -> {
                        JsonObject task = api.task(id);
                        records.put(id, task);
                        return SETTLED.contains(task.getString("state"));
                    });
                    return pending.size() + " pending, e.g. "
                            + pending.stream()
                                    .limit(3)
                                    .map(id -> records.get(id).toString())
                                    .collect(Collectors.joining("; "));
                },
                pendingSummary -> pending.isEmpty());
        return new Settlement(records);
    }

    /** Returns the number of tasks in each final state. */
    public Map<String, Long> states() {
        return records.values().stream()
                .collect(Collectors.groupingBy(t -> t.getString("state"), TreeMap::new, Collectors.counting()));
    }

    /** Returns how many tasks ended in {@code state}. */
    public long count(String state) {
        return states().getOrDefault(state, 0L);
    }

    /** Returns how many tasks recorded a result more than once: more than one COMPLETED attempt in the history. */
    public long duplicates() {
        return records.values().stream()
                .filter(t -> outcomes(t).stream().filter("COMPLETED"::equals).count() > 1)
                .count();
    }

    /** Returns how many tasks ran more than one attempt. */
    public long rerun() {
        return records.values().stream().filter(t -> attempts(t) > 1).count();
    }

    /** Returns the number of attempts all tasks started, from their histories. */
    public long attempts() {
        return records.values().stream().mapToLong(Settlement::attempts).sum();
    }

    /** Returns the outcomes of all attempts in the histories, counted. */
    public Map<String, Long> attemptOutcomes() {
        return records.values().stream()
                .flatMap(t -> outcomes(t).stream())
                .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
    }

    /** Returns when the last task settled. */
    public Instant lastSettledAt() {
        return records.values().stream()
                .map(t -> Instant.parse(t.getString("finishedAt")))
                .max(Instant::compareTo)
                .orElseThrow();
    }

    /** Returns the records as they were last read. */
    public Collection<JsonObject> records() {
        return records.values();
    }

    /** Returns the account as one greppable line of {@code key=value} figures. */
    public String figures() {
        return "accepted=" + records.size() + " states=" + states() + " duplicates=" + duplicates() + " rerun="
                + rerun() + " attempts=" + attempts() + " attemptOutcomes=" + attemptOutcomes();
    }

    private static long attempts(JsonObject task) {
        return task.getJsonArray("history").stream()
                .map(JsonValue::asJsonObject)
                .filter(e ->
                        e.containsKey("start") && !e.getString("outcome", "").startsWith("REDRIVE"))
                .count();
    }

    private static List<String> outcomes(JsonObject task) {
        return task.getJsonArray("history").stream()
                .map(e -> e.asJsonObject().getString("outcome", "OPEN"))
                .toList();
    }
}
