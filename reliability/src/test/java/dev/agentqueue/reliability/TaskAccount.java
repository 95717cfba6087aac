package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The exact account of a scenario's accepted tasks, from their records as the API returns them: how many ended in
 * each state, which are lost (no record) or stuck (not settled), which ran more than once (an attempt recorded as
 * {@code ABANDONED}, its worker crashed, followed by a later attempt), and which completed tasks do not carry exactly
 * one result; and, for several nodes, which node completed each task and which tasks another node finished after the
 * node running them died (an {@code ABANDONED} attempt on one node, the {@code COMPLETED} one on another).
 */
record TaskAccount(
        int accepted,
        Map<String, Integer> byState,
        List<String> lost,
        List<String> stuck,
        List<String> executedTwice,
        int abandonedAttempts,
        List<String> resultNotOnce,
        Instant lastFinishedAt,
        Map<String, Integer> completedByNode,
        List<String> takenOver) {

    private static final Set<String> SETTLED = Set.of("COMPLETED", "CANCELLED", "DEAD_LETTER", "PURGED");

    /** Accounts for {@code accepted} ids against the records read back, by id. */
    static TaskAccount of(Collection<String> accepted, Map<String, JsonObject> records) {
        Map<String, Integer> byState = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        List<String> notOnce = new ArrayList<>();
        int abandoned = 0;
        Instant last = null;
        Map<String, Integer> byNode = new TreeMap<>();
        List<String> takenOver = new ArrayList<>();
        for (String id : accepted) {
            JsonObject task = records.get(id);
            if (task == null) {
                lost.add(id);
                continue;
            }
            String state = task.getString("state");
            byState.merge(state, 1, Integer::sum);
            if (!SETTLED.contains(state)) {
                stuck.add(id);
            }
            int abandonedHere = count(task, "ABANDONED");
            abandoned += abandonedHere;
            if (abandonedHere > 0) {
                twice.add(id);
            }
            if ("COMPLETED".equals(state)
                    && (count(task, "COMPLETED") != 1
                            || task.get("result").getValueType() == JsonValue.ValueType.NULL)) {
                notOnce.add(id);
            }
            String completedOn = node(task, "COMPLETED");
            if (completedOn != null) {
                byNode.merge(completedOn, 1, Integer::sum);
                String abandonedOn = node(task, "ABANDONED");
                if (abandonedOn != null && !abandonedOn.equals(completedOn)) {
                    takenOver.add(id);
                }
            }
            if (task.containsKey("finishedAt")) {
                Instant finished = Instant.parse(task.getString("finishedAt"));
                last = last == null || finished.isAfter(last) ? finished : last;
            }
        }
        return new TaskAccount(
                accepted.size(), byState, lost, stuck, twice, abandoned, notOnce, last, byNode, takenOver);
    }

    /** Returns how many tasks ended in {@code state}. */
    int count(String state) {
        return byState.getOrDefault(state, 0);
    }

    /** Tells whether every accepted task is settled and none is lost. */
    boolean settled() {
        return lost.isEmpty() && stuck.isEmpty();
    }

    /** Asserts that all {@code expected} tasks completed, each with one recorded result, and none is lost or stuck. */
    void assertEveryTaskCompletedOnce(int expected) {
        assertThat(lost).as("tasks lost").isEmpty();
        assertThat(stuck).as("tasks not settled").isEmpty();
        assertThat(count("COMPLETED")).as("tasks completed").isEqualTo(expected);
        assertThat(resultNotOnce)
                .as("completed tasks without exactly one recorded result")
                .isEmpty();
    }

    /** A one-line summary for the log. */
    String summary() {
        return "accepted " + accepted + ", " + byState + ", lost " + lost.size() + ", stuck " + stuck.size()
                + ", executed twice " + executedTwice.size() + ", results not written once " + resultNotOnce.size();
    }

    /** Returns the node of the last attempt of {@code task} that ended in {@code outcome}, or null. */
    private static String node(JsonObject task, String outcome) {
        String node = null;
        for (JsonValue entry : task.getJsonArray("history")) {
            JsonObject attempt = entry.asJsonObject();
            if (outcome.equals(attempt.getString("outcome", ""))) {
                node = attempt.getString("node", "");
            }
        }
        return node;
    }

    private static int count(JsonObject task, String outcome) {
        int n = 0;
        for (JsonValue entry : task.getJsonArray("history")) {
            if (outcome.equals(entry.asJsonObject().getString("outcome", ""))) {
                n++;
            }
        }
        return n;
    }
}
