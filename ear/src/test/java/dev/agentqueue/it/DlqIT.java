package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.echo;
import static dev.agentqueue.it.support.Jobs.failTerminally;
import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dead-letter queue over REST: listing, summary, redrive and purge against the real broker and Redis. */
@ExtendWith(ArquillianExtension.class)
class DlqIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void theDlqListsDeadLettersWithTheirTaskErrorAndHistoryPagedByCursor() {
        List<String> ids = deadLetters(3, "listing " + UUID.randomUUID());
        String fingerprint = api.task(ids.get(0)).getJsonObject("error").getString("fingerprint");

        JsonObject first = api.get("dlq?limit=2&fingerprint=" + fingerprint).json();
        JsonObject second = api.get(
                        "dlq?limit=2&fingerprint=" + fingerprint + "&cursor=" + first.getString("nextCursor"))
                .json();

        List<String> listed = new ArrayList<>();
        Stream.concat(first.getJsonArray("items").stream(), second.getJsonArray("items").stream())
                .map(JsonValue::asJsonObject)
                .forEach(item -> {
                    listed.add(item.getString("taskId"));
                    assertThat(item.getString("contract")).isEqualTo("agentqueue.job.v1");
                    assertThat(item.getJsonObject("error").getString("classification"))
                            .isEqualTo("TERMINAL");
                    JsonObject task = item.getJsonObject("task");
                    assertThat(task.getString("state")).isEqualTo("DEAD_LETTER");
                    assertThat(task.getJsonArray("history")).hasSize(1);
                });
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(second.isNull("nextCursor")).isTrue();
    }

    @Test
    void theSummaryCountsOneRootCauseAsOneLine() {
        String cause = "401 Unauthorized from provider " + UUID.randomUUID();
        List<String> ids = deadLetters(3, cause);
        String fingerprint = api.task(ids.get(0)).getJsonObject("error").getString("fingerprint");

        JsonObject group = group(fingerprint);

        assertThat(group.getInt("count")).isEqualTo(3);
        assertThat(group.getString("line")).isEqualTo("3 × TerminalTaskException: " + cause);
        assertThat(group.getString("classification")).isEqualTo("TERMINAL");
    }

    @Test
    void aRedrivenTaskGetsAFreshAttemptBudgetAndKeepsItsHistory() {
        // Fails retryably through all 5 attempts, then, redriven, fails once more and succeeds on attempt 2.
        String id = api.enqueue(
                failUntilRedriven("retryable", "flaky " + UUID.randomUUID(), 2).build());
        JsonObject dead = api.awaitDeadLetter(id, SETTLE);
        assertThat(dead.getInt("attempt")).isEqualTo(5);

        Reply reply = admin.postJson("dlq/redrive", ids(id));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getInt("redriven")).isEqualTo(1);
        JsonObject task = api.awaitState(id, "COMPLETED", SETTLE);
        assertThat(task.getInt("attempt")).isEqualTo(2);
        assertThat(task.getInt("maxAttempts")).isEqualTo(5);
        assertThat(task.getJsonObject("result").getInt("succeeded_on_attempt")).isEqualTo(2);
        JsonArray history = task.getJsonArray("history");
        assertThat(history.stream().map(e -> e.asJsonObject().getString("outcome", "")))
                .containsExactly(
                        "FAILED", "FAILED", "FAILED", "FAILED", "DEAD_LETTER", "REDRIVEN", "FAILED", "COMPLETED");
        assertThat(api.inDeadLetterQueue(id)).isFalse();
    }

    @Test
    void aRedriveOfATaskNotInTheDlqIsRefusedAndChangesNothing() {
        String deadId = deadLetters(1, "stays " + UUID.randomUUID()).get(0);
        long addedBefore = api.taskQueue().getJsonNumber("messagesAdded").longValue();
        String completedId = api.enqueue(echo(Json.createObjectBuilder()).build());
        api.awaitState(completedId, "COMPLETED", SETTLE);
        // The broker's count can lag the delivery it counts: a count read too early would move by itself below.
        long added = api.awaitMessagesAddedAbove(addedBefore, SETTLE);

        Reply reply = admin.postJson("dlq/redrive", ids(deadId, completedId));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getJsonArray("taskIds").getString(0)).isEqualTo(completedId);
        assertThat(api.task(deadId).getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(api.task(completedId).getString("state")).isEqualTo("COMPLETED");
        assertThat(api.inDeadLetterQueue(deadId)).isTrue();
        assertThat(api.taskQueue().getJsonNumber("messagesAdded").longValue()).isEqualTo(added);
    }

    @Test
    void aRedriveByFilterMovesOnlyTheMatchingDeadLetters() {
        List<String> matching = deadLettersUntilRedriven(2, "filter-redrive " + UUID.randomUUID());
        String other = deadLetters(1, "not redriven " + UUID.randomUUID()).get(0);
        String fingerprint = api.task(matching.get(0)).getJsonObject("error").getString("fingerprint");

        Reply reply = admin.postJson(
                "dlq/redrive",
                Json.createObjectBuilder()
                        .add("filter", Json.createObjectBuilder().add("fingerprint", fingerprint))
                        .build());

        assertThat(reply.json().getInt("redriven")).isEqualTo(2);
        matching.forEach(id -> api.awaitState(id, "COMPLETED", SETTLE));
        assertThat(api.inDeadLetterQueue(other)).isTrue();
    }

    @Test
    void aPurgeByFilterRemovesOnlyTheMatchingDeadLetters() {
        List<String> purged = deadLetters(3, "purge me " + UUID.randomUUID());
        List<String> kept = deadLetters(2, "keep me " + UUID.randomUUID());
        String fingerprint = api.task(purged.get(0)).getJsonObject("error").getString("fingerprint");

        Reply reply = admin.postJson(
                "dlq/purge",
                Json.createObjectBuilder()
                        .add("filter", Json.createObjectBuilder().add("fingerprint", fingerprint))
                        .build());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getInt("purged")).isEqualTo(3);
        purged.forEach(id -> {
            assertThat(api.inDeadLetterQueue(id)).isFalse();
            assertThat(api.task(id).getString("state")).isEqualTo("PURGED");
        });
        kept.forEach(id -> {
            assertThat(api.inDeadLetterQueue(id)).isTrue();
            assertThat(api.task(id).getString("state")).isEqualTo("DEAD_LETTER");
        });
    }

    @Test
    void aPurgeByIdsAndAPurgeOfAllEmptyTheDlq() {
        List<String> letters = deadLetters(3, "purge all " + UUID.randomUUID());

        Reply byIds = admin.postJson("dlq/purge", ids(letters.get(0)));
        Reply all = admin.postJson(
                "dlq/purge", Json.createObjectBuilder().add("all", true).build());

        assertThat(byIds.json().getInt("purged")).isEqualTo(1);
        assertThat(all.json().getInt("purged")).isGreaterThanOrEqualTo(2);
        assertThat(letters)
                .allSatisfy(id -> assertThat(api.inDeadLetterQueue(id)).isFalse());
        assertThat(api.task(letters.get(2)).getString("state")).isEqualTo("PURGED");
    }

    static Stream<Arguments> badRequests() {
        String id = "01890a5d-ac96-774b-bcce-b302099a8057";
        return Stream.of(
                Arguments.of("POST", "dlq/redrive", "not json"),
                Arguments.of("POST", "dlq/redrive", "{}"),
                Arguments.of("POST", "dlq/redrive", "{\"ids\":[]}"),
                Arguments.of("POST", "dlq/redrive", "{\"ids\":[\"nope\"]}"),
                Arguments.of("POST", "dlq/redrive", "{\"ids\":\"" + id + "\"}"),
                Arguments.of("POST", "dlq/redrive", "{\"filter\":{}}"),
                Arguments.of("POST", "dlq/redrive", "{\"filter\":{\"colour\":\"red\"}}"),
                Arguments.of("POST", "dlq/redrive", "{\"filter\":{\"contract\":\"x' OR 1=1 OR 'a\"}}"),
                Arguments.of("POST", "dlq/redrive", "{\"all\":true}"),
                Arguments.of("POST", "dlq/redrive", "{\"ids\":[\"" + id + "\"],\"filter\":{\"agent\":\"a\"}}"),
                Arguments.of("POST", "dlq/purge", "{\"all\":false}"),
                Arguments.of("POST", "dlq/purge", "{\"all\":\"yes\"}"),
                Arguments.of("GET", "dlq?cursor=garbage", null),
                Arguments.of("GET", "dlq?cursor=YzE6MTIzOm5vdC1hbi1pZA", null),
                Arguments.of("GET", "dlq?limit=0", null),
                Arguments.of("GET", "dlq?limit=many", null),
                Arguments.of("GET", "dlq?fingerprint=%27%20OR%20%271", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badRequests")
    void aBadDlqRequestIsRefusedWith400AndChangesNothing(String method, String path, String body) {
        long depth = api.deadLetterQueue().getJsonNumber("depth").longValue();

        Reply reply = method.equals("GET") ? admin.get(path) : admin.post(path, "application/json", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(api.deadLetterQueue().getJsonNumber("depth").longValue()).isEqualTo(depth);
    }

    /** Enqueues {@code count} tasks that fail terminally with {@code message} and waits until they are dead letters. */
    private List<String> deadLetters(int count, String message) {
        return settleDead(
                Stream.generate(() -> api.enqueue(failTerminally(message).build()))
                        .limit(count)
                        .toList());
    }

    /** Like {@link #deadLetters}, but the tasks succeed once redriven. */
    private List<String> deadLettersUntilRedriven(int count, String message) {
        return settleDead(Stream.generate(() ->
                        api.enqueue(failUntilRedriven("terminal", message, 0).build()))
                .limit(count)
                .toList());
    }

    private List<String> settleDead(List<String> ids) {
        ids.forEach(id -> {
            api.awaitDeadLetter(id, SETTLE);
        });
        return ids;
    }

    private JsonObject group(String fingerprint) {
        return api.get("dlq/summary").json().getJsonArray("groups").stream()
                .map(JsonValue::asJsonObject)
                .filter(g -> g.getString("fingerprint").equals(fingerprint))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary group " + fingerprint));
    }

    private static JsonObject ids(String... ids) {
        return Json.createObjectBuilder()
                .add("ids", Json.createArrayBuilder(List.of(ids)))
                .build();
    }
}
