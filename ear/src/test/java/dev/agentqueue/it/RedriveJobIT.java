package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failTerminally;
import static dev.agentqueue.it.support.Jobs.failUntilRedriven;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.DeadLetters;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redrive jobs over REST: a canary first, then the rest; stopped by a canary that fails again; cancelled; cut off. */
@ExtendWith(ArquillianExtension.class)
class RedriveJobIT {

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());
    private final DeadLetters letters = new DeadLetters(api);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aCanaryThatCompletesLetsTheRestFollowByItself() {
        List<String> ids = letters.make(5, failUntilRedriven("terminal", "canary ok " + UUID.randomUUID(), 0));
        String fingerprint = letters.fingerprint(ids.get(0));

        JsonObject job = awaitState(start(fingerprint, b -> b.add("canary", 2)), "COMPLETED");

        assertThat(job.getInt("redriven")).isEqualTo(5);
        assertThat(job.getJsonArray("canaryTaskIds")).hasSize(2);
        ids.forEach(id -> api.awaitState(id, "COMPLETED", DeadLetters.SETTLE));
        assertThat(letters.count(fingerprint)).isZero();
    }

    @Test
    void aCanaryTaskThatDeadLettersAgainStopsTheJobAndLeavesTheRestInTheDlq() {
        List<String> ids = letters.make(4, failTerminally("canary fails " + UUID.randomUUID()));
        String fingerprint = letters.fingerprint(ids.get(0));

        JsonObject job = awaitState(start(fingerprint, b -> b.add("canary", 1)), "STOPPED");

        assertThat(job.getInt("redriven")).isEqualTo(1);
        String canaryTask = job.getJsonArray("canaryTaskIds").getString(0);
        assertThat(job.getString("message")).contains(canaryTask);
        letters.awaitCount(fingerprint, 4);
        ids.stream()
                .filter(id -> !id.equals(canaryTask))
                .forEach(id -> assertThat(redrives(id)).isZero());
    }

    @Test
    void aConfirmedCanaryLetsTheRestFollowAndACancelledOneLeavesItInTheDlq() {
        List<String> confirmed = letters.make(3, failUntilRedriven("terminal", "confirm " + UUID.randomUUID(), 0));
        List<String> cancelled = letters.make(3, failUntilRedriven("terminal", "cancel " + UUID.randomUUID(), 0));
        // Read before any redrive: a task redriven and completed no longer carries its error.
        String stayingGroup = letters.fingerprint(cancelled.get(0));
        String goes = start(
                letters.fingerprint(confirmed.get(0)), b -> b.add("canary", 1).add("confirm", true));
        String stays = start(stayingGroup, b -> b.add("canary", 1).add("confirm", true));
        awaitState(goes, "AWAITING_CONFIRMATION");
        awaitState(stays, "AWAITING_CONFIRMATION");

        assertThat(admin.post("dlq/redrive-jobs/" + goes + "/confirm", "application/json", "")
                        .status())
                .isEqualTo(200);
        Reply cancel = admin.delete("dlq/redrive-jobs/" + stays);

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().getString("state")).isEqualTo("CANCELLED");
        assertThat(awaitState(goes, "COMPLETED").getInt("redriven")).isEqualTo(3);
        confirmed.forEach(id -> api.awaitState(id, "COMPLETED", DeadLetters.SETTLE));
        assertThat(letters.count(stayingGroup)).isEqualTo(2);
        Reply again = admin.delete("dlq/redrive-jobs/" + stays);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBeforeCutoffRedrivesOnlyTheLettersThatDiedBeforeIt() {
        String message = "cutoff " + UUID.randomUUID();
        List<String> before = letters.make(2, failUntilRedriven("terminal", message, 0));
        Instant cutoff = Instant.now();
        List<String> after = letters.make(2, failUntilRedriven("terminal", message, 0));
        String fingerprint = letters.fingerprint(before.get(0));

        JsonObject job = awaitState(start(fingerprint, b -> b.add("before", cutoff.toString())), "COMPLETED");

        assertThat(job.getInt("redriven")).isEqualTo(2);
        before.forEach(id -> api.awaitState(id, "COMPLETED", DeadLetters.SETTLE));
        after.forEach(id -> assertThat(api.task(id).getString("state")).isEqualTo("DEAD_LETTER"));
        assertThat(letters.count(fingerprint)).isEqualTo(2);
    }

    @Test
    void twoAdminsRedrivingTheSameGroupAtOnceMoveEachLetterExactlyOnce() {
        List<String> ids = letters.make(20, failUntilRedriven("terminal", "race " + UUID.randomUUID(), 0));
        String fingerprint = letters.fingerprint(ids.get(0));
        JsonObject filter = Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add("fingerprint", fingerprint))
                .build();

        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> admin.postJson("dlq/redrive", filter));
        CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> admin.postJson("dlq/redrive", filter));
        String job = start(fingerprint, b -> b);

        long redriven = first.join().expect(200).json().getInt("redriven")
                + second.join().expect(200).json().getInt("redriven")
                + awaitState(job, "COMPLETED").getInt("redriven");
        assertThat(redriven).isEqualTo(20);
        ids.forEach(id -> {
            api.awaitState(id, "COMPLETED", DeadLetters.SETTLE);
            assertThat(redrives(id)).as("REDRIVEN entries of " + id).isEqualTo(1);
        });
        assertThat(letters.count(fingerprint)).isZero();
    }

    @Test
    void aBadJobRequestIsRefusedWith400AndAnUnknownJobWith404() {
        Reply bad = admin.postJson(
                "dlq/redrive-jobs",
                Json.createObjectBuilder()
                        .add("filter", Json.createObjectBuilder().add("fingerprint", "x"))
                        .add("canary", -1)
                        .build());
        Reply missing = api.get("dlq/redrive-jobs/" + UUID.randomUUID());

        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(missing.status()).isEqualTo(404);
    }

    private String start(String fingerprint, java.util.function.UnaryOperator<JsonObjectBuilder> options) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add("fingerprint", fingerprint));
        Reply reply = admin.postJson("dlq/redrive-jobs", options.apply(body).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.header("Location")).endsWith(reply.json().getString("id"));
        return reply.json().getString("id");
    }

    private JsonObject awaitState(String job, String state) {
        return Deadline.await(
                "redrive job " + job + " " + state,
                DeadLetters.SETTLE,
                () -> api.get("dlq/redrive-jobs/" + job).expect(200).json(),
                j -> j.getString("state").equals(state),
                JsonObject::toString);
    }

    private long redrives(String taskId) {
        return api.task(taskId).getJsonArray("history").stream()
                .map(JsonValue::asJsonObject)
                .filter(entry -> "REDRIVEN".equals(entry.getString("outcome", "")))
                .count();
    }
}
