package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.echo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Listing tasks from the Redis indexes with cursors, and cancelling them, over REST. */
@ExtendWith(ArquillianExtension.class)
class TaskListIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** Long enough that a delayed task is still waiting when the test is done with it. */
    private static final long LATER_MS = 600_000;

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void queuedTasksArePagedNewestFirstWithoutGapsOrRepeats() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.enqueue(delayed(LATER_MS)));
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.get("tasks?state=QUEUED&contract=agentqueue.job.v1&limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.getJsonArray("items")
                    .forEach(item -> listed.add(item.asJsonObject().getString("id")));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);

        List<String> ours = listed.stream().filter(ids::contains).toList();
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(ours).containsExactlyElementsOf(newestFirst);
        assertThat(listed).doesNotHaveDuplicates();
        ids.forEach(id -> admin.delete("tasks/" + id));
    }

    @Test
    void aContractListingFiltersByStateToo() {
        String done = api.enqueue(echo(Json.createObjectBuilder()).build());
        api.awaitState(done, "COMPLETED", SETTLE);

        JsonObject completed = api.get("tasks?contract=agentqueue.job.v1&state=COMPLETED&limit=100")
                .json();
        JsonObject anyState = api.get("tasks?limit=100").json();

        assertThat(completed.getJsonArray("items"))
                .allSatisfy(t -> assertThat(t.asJsonObject().getString("state")).isEqualTo("COMPLETED"));
        assertThat(ids(completed)).contains(done);
        assertThat(ids(anyState)).contains(done);
    }

    @Test
    void aCancelledTaskIsSkippedByTheWorkerAndStaysCancelled() {
        long acknowledged = acknowledged();
        String id = api.enqueue(delayed(1500));
        String marker = api.enqueue(delayed(2000));

        Reply cancelled = admin.delete("tasks/" + id);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().getString("state")).isEqualTo("CANCELLED");
        api.awaitState(marker, "COMPLETED", SETTLE);
        Deadline.await("both messages to be consumed", SETTLE, this::acknowledged, n -> n >= acknowledged + 2);
        JsonObject task = api.task(id);
        assertThat(task.getString("state")).isEqualTo("CANCELLED");
        assertThat(task.getInt("attempt")).isZero();
        assertThat(task.getJsonArray("history")).isEmpty();
    }

    @Test
    void onlyQueuedOrFailedTasksCanBeCancelled() {
        String done = api.enqueue(echo(Json.createObjectBuilder()).build());
        api.awaitState(done, "COMPLETED", SETTLE);

        Reply completed = admin.delete("tasks/" + done);
        Reply unknown = admin.delete("tasks/01890a5d-ac96-774b-bcce-b302099a8057");
        Reply malformed = admin.delete("tasks/nope");

        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.contentType()).startsWith("application/problem+json");
        assertThat(api.task(done).getString("state")).isEqualTo("COMPLETED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
    }

    static Stream<String> badQueries() {
        return Stream.of(
                "tasks?cursor=garbage",
                "tasks?cursor=YzE6MTIzOm5vdC1hbi1pZA",
                "tasks?cursor=" + "A".repeat(300),
                "tasks?state=DONE",
                "tasks?limit=0",
                "tasks?limit=101",
                "tasks?limit=ten",
                "tasks?contract=%27%3B%20DROP");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void aBadListingQueryIsRefusedWith400(String path) {
        Reply reply = api.get(path);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private long acknowledged() {
        return api.taskQueue().getJsonNumber("messagesAcknowledged").longValue();
    }

    private static JsonObject delayed(long delayMs) {
        return echo(Json.createObjectBuilder()).add("delayMs", delayMs).build();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .map(t -> t.getString("id"))
                .toList();
    }
}
