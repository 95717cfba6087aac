package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failTerminally;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.DeadLetters;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.it.support.WebhookReceiver;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.webhook.WebhookSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dead-letter triage over REST against the real broker and Redis: a payload edited while redriven, a refused edit, an
 * edit racing a purge, group notes and mutes, and the alerts' signed webhook (the IT server alerts above 3 letters of
 * a group per hour and signs with the secret failsafe puts in its environment).
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterTriageIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String SECRET = System.getenv("AGENTQUEUE_DLQ_ALERTS_WEBHOOK_SECRET");

    private final AgentQueueApi api = Deployments.api();
    private final AgentQueueApi admin = api.as(Role.ADMIN.apiUser());
    private final DeadLetters letters = new DeadLetters(api);
    private final Random random = new Random();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aMergePatchedDeadLetterRunsWithItsNewPayloadAndTheHistoryKeepsWhoChangedWhat() {
        String id = deadLetters(1, uniqueCause()).get(0);
        String fingerprint = letters.fingerprint(id);
        letters.awaitCount(fingerprint, 1);

        Reply reply = admin.postJson("dlq/letters/" + id + "/redrive", object("{\"patch\":{\"job_type\":\"echo\"}}"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(letters.count(fingerprint))
                .as("the summary's count of the group")
                .isZero();
        assertThat(reply.json().getString("edit")).isEqualTo("MERGE_PATCH");
        JsonObject task = api.awaitState(id, "COMPLETED", SETTLE);
        assertThat(task.getJsonObject("payload").getString("job_type")).isEqualTo("echo");
        assertThat(task.getJsonObject("payload").getJsonObject("arguments").getString("mode"))
                .isEqualTo("terminal");
        JsonObject redriven = task.getJsonArray("history").stream()
                .map(JsonValue::asJsonObject)
                .filter(entry -> "REDRIVEN".equals(entry.getString("outcome", "")))
                .findFirst()
                .orElseThrow();
        JsonObject edit = redriven.getJsonObject("edit");
        assertThat(edit.getString("by")).isEqualTo(Role.ADMIN.apiUser().name());
        assertThat(edit.getString("kind")).isEqualTo("MERGE_PATCH");
        assertThat(object(edit.getString("previousPayload")).getString("job_type"))
                .isEqualTo("fail");
        assertThat(redriven.getString("end")).isNotBlank(); // when: the entry opens and closes with the edit
    }

    @Test
    void anEditTheContractRefusesAnswers400AndLeavesTheLetterUntouched() {
        String id = deadLetters(1, uniqueCause()).get(0);
        JsonObject before = api.task(id);
        long added = api.taskQueue().getJsonNumber("messagesAdded").longValue();

        Reply reply = admin.postJson(
                "dlq/letters/" + id + "/redrive", object("{\"payload\":{\"job_type\":\"no-such-job\"}}"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("field")).isEqualTo("payload");
        assertThat(api.task(id)).isEqualTo(before);
        assertThat(inDlq(id)).isTrue();
        assertThat(api.taskQueue().getJsonNumber("messagesAdded").longValue()).isEqualTo(added);
    }

    @Test
    void anEditRacingAPurgeEitherRedrivesOrPurgesEachLetterNeverBothOrNeither() {
        List<String> ids = deadLetters(3, uniqueCause());
        JsonObject edit = object("{\"patch\":{\"job_type\":\"echo\"}}");

        for (String id : ids) {
            CompletableFuture<Reply> edited =
                    CompletableFuture.supplyAsync(() -> admin.postJson("dlq/letters/" + id + "/redrive", edit));
            CompletableFuture<Reply> purged = CompletableFuture.supplyAsync(() -> admin.postJson(
                    "dlq/purge",
                    Json.createObjectBuilder()
                            .add("ids", Json.createArrayBuilder().add(id))
                            .build()));
            Reply editReply = edited.join();
            Reply purge = purged.join();

            boolean editWon = editReply.status() == 200;
            boolean purgeWon = purge.status() == 200 && purge.json().getInt("purged") == 1;
            assertThat(editWon).as(editReply + " / " + purge).isNotEqualTo(purgeWon);
            api.awaitState(id, editWon ? "COMPLETED" : "PURGED", SETTLE);
            assertThat(inDlq(id)).isFalse();
        }
    }

    @Test
    void aGroupKeepsItsNoteInvestigationAndMuteWithWhoAndWhen() {
        // Triage state needs no letter yet: a group can be muted before its first letter lands.
        String fingerprint = String.format("%016x", random.nextLong());
        String group = "dlq/groups/" + fingerprint;
        String adminUser = Role.ADMIN.apiUser().name();

        admin.putJson(group + "/note", object("{\"note\":\"upstream rejects the new schema\"}"));
        admin.putJson(group + "/investigation", null);
        JsonObject muted = admin.putJson(group + "/mute", null).json();

        assertThat(muted.getString("note")).isEqualTo("upstream rejects the new schema");
        assertThat(muted.getString("noteBy")).isEqualTo(adminUser);
        assertThat(muted.getString("investigatingBy")).isEqualTo(adminUser);
        assertThat(muted.getString("investigatingSince")).isNotBlank();
        assertThat(muted.getBoolean("muted")).isTrue();
        assertThat(muted.getString("mutedBy")).isEqualTo(adminUser);
        assertThat(api.get("dlq/groups").json().getJsonArray("groups").stream()
                        .map(g -> g.asJsonObject().getString("fingerprint")))
                .contains(fingerprint);

        admin.delete(group + "/investigation");
        JsonObject unmuted = admin.delete(group + "/mute").json();

        assertThat(unmuted.getBoolean("muted")).isFalse();
        assertThat(unmuted.containsKey("investigatingBy")).isFalse();
        assertThat(unmuted.getString("note")).isEqualTo("upstream rejects the new schema");
        assertThat(admin.putJson("dlq/groups/NOT-A-FINGERPRINT/mute", null).status())
                .isEqualTo(400);
        assertThat(api.putJson(group + "/mute", null).status()).isEqualTo(403);
    }

    @Test
    void alertsReachTheWebhookSignedAndRetriedAndAMutedGroupLandsWithoutAlerting() throws Exception {
        String loud = uniqueCause();
        String quiet = uniqueCause();
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookSignature.HEADER, body -> body.contains(loud))) {
            String quietFingerprint = letters.fingerprint(deadLetters(1, quiet).get(0));
            admin.putJson("dlq/groups/" + quietFingerprint + "/mute", null);
            deadLetters(1, loud);

            // Four more of each: the fourth letter in the hour passes the IT server's threshold of 3.
            deadLetters(4, quiet);
            deadLetters(4, loud);

            List<WebhookReceiver.Post> loudAlerts = Deadline.await(
                    "both alerts of the loud group",
                    SETTLE,
                    () -> alertsAbout(receiver, loud),
                    posts -> posts.size() >= 2);
            assertThat(loudAlerts.stream().map(post -> object(post.body()).getString("kind")))
                    .containsExactlyInAnyOrder("NEW_FINGERPRINT", "FAST_GROWTH");
            assertThat(loudAlerts)
                    .allSatisfy(
                            post -> assertThat(post.signature()).isEqualTo(WebhookSignature.sign(SECRET, post.body())));
            assertThat(receiver.refused()).hasSize(1);
            assertThat(loudAlerts.stream().map(WebhookReceiver.Post::body))
                    .contains(receiver.refused().get(0).body());

            JsonObject quietGroup = Deadline.await(
                    "the muted group's suppressed alert",
                    SETTLE,
                    () -> api.get("dlq/groups/" + quietFingerprint).json(),
                    g -> g.getInt("suppressedAlerts") == 1);
            assertThat(quietGroup.getInt("alerts")).isEqualTo(1); // its first letter, before the mute
            assertThat(alertsAbout(receiver, quiet).stream()
                            .map(post -> object(post.body()).getString("kind")))
                    .containsExactly("NEW_FINGERPRINT");
        }
    }

    private static List<WebhookReceiver.Post> alertsAbout(WebhookReceiver receiver, String cause) {
        return receiver.posts().stream()
                .filter(post -> cause.equals(object(post.body()).getString("errorMessage", "")))
                .toList();
    }

    /** A failure message of letters only: the fingerprint keeps letters, so each call makes a group of its own. */
    private String uniqueCause() {
        return "triage "
                + IntStream.range(0, 12)
                        .mapToObj(i -> String.valueOf((char) ('a' + random.nextInt(26))))
                        .reduce("", String::concat);
    }

    private List<String> deadLetters(int count, String message) {
        List<String> ids = api.enqueue(failTerminally(message).build(), count);
        ids.forEach(id -> {
            api.awaitState(id, "DEAD_LETTER", SETTLE);
            Deadline.await("task " + id + " in the DLQ", SETTLE, () -> inDlq(id), Boolean::booleanValue);
        });
        return ids;
    }

    private boolean inDlq(String id) {
        JsonObject task = api.task(id);
        String path = task.isNull("error")
                ? "dlq?limit=100"
                : "dlq?limit=100&fingerprint=" + task.getJsonObject("error").getString("fingerprint");
        return api.get(path).json().getJsonArray("items").stream()
                .anyMatch(item -> id.equals(item.asJsonObject().getString("taskId", null)));
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
