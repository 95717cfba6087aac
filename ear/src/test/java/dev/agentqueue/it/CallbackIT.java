package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.echo;
import static dev.agentqueue.it.support.Jobs.failTerminally;
import static dev.agentqueue.testsupport.api.JsonBodies.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.CallbackReceiver;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.webhook.WebhookSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Completion callbacks against a real receiver on loopback: signed posts for completed, dead-lettered and cancelled
 * tasks, a receiver failing a few times then answering, one asking for time with {@code Retry-After}, one that keeps
 * failing, and callback URLs refused at enqueue.
 * The IT server allows host 127.0.0.1, tries each callback 3 times at most, 200 ms then 400 ms apart, and signs with
 * the secret failsafe puts in its environment.
 */
@ExtendWith(ArquillianExtension.class)
class CallbackIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String SECRET = System.getenv("AGENTQUEUE_CALLBACKS_SECRET");

    private static CallbackReceiver receiver;

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = CallbackReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aCompletedTaskIsPostedSignedWithItsResult() {
        String path = "/ok/" + UUID.randomUUID();
        String id = enqueue(echo(Json.createObjectBuilder().add("text", "hello")), path);

        CallbackReceiver.Post post = awaitPosts(path, 1).get(0);

        assertThat(post.event()).isEqualTo("task.settled");
        assertThat(post.signature())
                .isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(post.timestamp()), post.body()));
        assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(post.timestamp())))
                .isLessThan(60);
        JsonObject body = object(post.body());
        assertThat(body.getString("taskId")).isEqualTo(id);
        assertThat(body.getString("state")).isEqualTo("COMPLETED");
        assertThat(body.getJsonObject("result").toString()).contains("hello");
        assertThat(body.isNull("error")).isTrue();
        JsonObject callback = awaitCallback(id, "DELIVERED");
        assertThat(callback.getInt("lastStatus")).isEqualTo(204);
        // Once, unless a try timed out before it reached the receiver (a loaded machine): no post after delivery.
        assertThat(receiver.postsTo(path)).hasSize(1);
        assertThat(callback.getInt("attempts")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeadLetteredTaskIsPostedWithItsError() {
        String path = "/ok/" + UUID.randomUUID();
        String id = enqueue(failTerminally("the input is hopeless"), path);

        JsonObject body = object(awaitPosts(path, 1).get(0).body());

        assertThat(body.getString("taskId")).isEqualTo(id);
        assertThat(body.getString("state")).isEqualTo("DEAD_LETTER");
        assertThat(body.getJsonObject("error").getString("message")).contains("the input is hopeless");
        assertThat(body.isNull("result")).isTrue();
        awaitCallback(id, "DELIVERED");
    }

    @Test
    void aCancelledTaskIsPostedToo() {
        String path = "/ok/" + UUID.randomUUID();
        String id = enqueue(echo(Json.createObjectBuilder()).add("delayMs", 60_000), path);

        api.as(Role.ADMIN.apiUser()).delete("tasks/" + id).expect(200);

        assertThat(object(awaitPosts(path, 1).get(0).body()).getString("state")).isEqualTo("CANCELLED");
        awaitCallback(id, "DELIVERED");
    }

    @Test
    void aReceiverFailingTwiceIsTriedAgainUntilItAnswers() {
        String path = "/flaky/2/" + UUID.randomUUID();
        String id = enqueue(echo(Json.createObjectBuilder()), path);

        List<CallbackReceiver.Post> posts = awaitPosts(path, 3);

        assertThat(posts).extracting(CallbackReceiver.Post::answered).containsExactly(503, 503, 204);
        assertThat(posts)
                .allSatisfy(post -> assertThat(post.signature())
                        .isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(post.timestamp()), post.body())));
        JsonObject callback = awaitCallback(id, "DELIVERED");
        assertThat(callback.getInt("attempts")).isEqualTo(3);
        assertThat(callback.getInt("lastStatus")).isEqualTo(204);
    }

    @Test
    void aReceiverAskingForTimeWithRetryAfterIsNotTriedAgainSooner() {
        // The IT server waits 200 ms before a second try and never more than 1 s: a Retry-After of 1 s stretches it.
        for (int status : List.of(429, 503)) {
            String path = "/throttled/" + status + "/1/" + UUID.randomUUID();
            String id = enqueue(echo(Json.createObjectBuilder()), path);

            List<CallbackReceiver.Post> posts = awaitPosts(path, 2);

            assertThat(posts).extracting(CallbackReceiver.Post::answered).containsExactly(status, 204);
            assertThat(Duration.between(posts.get(0).at(), posts.get(1).at()))
                    .as("the wait between the tries after a " + status)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            awaitCallback(id, "DELIVERED");
        }
    }

    @Test
    void aReceiverThatKeepsFailingLeavesAFailedRecordOnTheTask() {
        String down = "/down/" + UUID.randomUUID();
        String gone = "/gone/" + UUID.randomUUID();
        String failing = enqueue(echo(Json.createObjectBuilder()), down);
        String refusing = enqueue(echo(Json.createObjectBuilder()), gone);

        JsonObject failed = awaitCallback(failing, "FAILED");
        JsonObject refused = awaitCallback(refusing, "FAILED");

        assertThat(failed.getInt("attempts")).as("tries at most, then no more").isEqualTo(3);
        assertThat(failed.getInt("lastStatus")).isEqualTo(500);
        assertThat(failed.getString("lastError")).isEqualTo("HTTP 500");
        assertThat(receiver.postsTo(down)).hasSize(3);
        assertThat(refused.getInt("attempts")).as("a 4xx answer is final").isEqualTo(1);
        assertThat(refused.getInt("lastStatus")).isEqualTo(410);
        assertThat(receiver.postsTo(gone)).hasSize(1);
    }

    @Test
    void aBadCallbackUrlIsRefusedWithAProblemNamingIt() {
        for (String url : List.of(
                "not a url",
                "/relative/path",
                "ftp://127.0.0.1/x",
                "http://169.254.169.254/latest/meta-data",
                "http://user:secret@127.0.0.1/x")) {
            Reply reply = api.submit(
                    echo(Json.createObjectBuilder()).add("callbackUrl", url).build());

            assertThat(reply.status()).as(url + ": " + reply).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("field")).isEqualTo("callbackUrl");
        }
    }

    private String enqueue(JsonObjectBuilder task, String path) {
        return api.enqueue(task.add("callbackUrl", receiver.url(path)).build());
    }

    private static List<CallbackReceiver.Post> awaitPosts(String path, int count) {
        return Deadline.await(
                count + " callback posts to " + path,
                SETTLE,
                () -> receiver.postsTo(path),
                posts -> posts.size() >= count);
    }

    private JsonObject awaitCallback(String id, String state) {
        return Deadline.await(
                        "callback of task " + id + " " + state,
                        SETTLE,
                        () -> api.task(id),
                        task -> task.containsKey("callback")
                                && state.equals(task.getJsonObject("callback").getString("state", "")))
                .getJsonObject("callback");
    }
}
