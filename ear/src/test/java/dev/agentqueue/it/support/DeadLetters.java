package dev.agentqueue.it.support;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Test fixture: dead letters of one root cause, made by tasks that fail, and the DLQ summary's count of them. */
public final class DeadLetters {

    public static final Duration SETTLE = Duration.ofSeconds(60);

    private final AgentQueueApi api;

    public DeadLetters(AgentQueueApi api) {
        this.api = api;
    }

    /**
     * Enqueues {@code count} copies of {@code request} and waits until all are dead letters and the summary counts at
     * least that many in their group (more when the group had letters before); returns their ids.
     */
    public List<String> make(int count, JsonObjectBuilder request) {
        var task = request.build();
        List<String> ids = Stream.generate(() -> api.enqueue(task)).limit(count).toList();
        ids.forEach(id -> api.awaitState(id, "DEAD_LETTER", SETTLE));
        String fingerprint = fingerprint(ids.get(0));
        Deadline.await(count + " dead letters of " + fingerprint, SETTLE, () -> count(fingerprint), n -> n >= count);
        return ids;
    }

    /** Returns the error fingerprint of a dead-lettered task. */
    public String fingerprint(String taskId) {
        return api.task(taskId).getJsonObject("error").getString("fingerprint");
    }

    /** Returns how many dead letters the summary counts under {@code fingerprint}. */
    public long count(String fingerprint) {
        return api.get("dlq/summary").expect(200).json().getJsonArray("groups").stream()
                .map(JsonValue::asJsonObject)
                .filter(group -> group.getString("fingerprint").equals(fingerprint))
                .mapToLong(group -> group.getJsonNumber("count").longValue())
                .findFirst()
                .orElse(0);
    }

    /** Waits until the summary counts {@code expected} dead letters under {@code fingerprint}. */
    public void awaitCount(String fingerprint, long expected) {
        Deadline.await(
                expected + " dead letters of " + fingerprint, SETTLE, () -> count(fingerprint), n -> n == expected);
    }
}
