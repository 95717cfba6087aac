package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.FakeServer;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.it.support.SseEvents;
import dev.agentqueue.it.support.SseEvents.Event;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.provider.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task's live events over a real HTTP connection: the Server-Sent Events of a job that reports progress, of a chat
 * task whose answer streams in from the fake provider, a listener resuming with {@code Last-Event-ID}, the
 * {@code ?wait=} long poll, and heartbeats that hold a job's lease past its timeout.
 */
@ExtendWith(ArquillianExtension.class)
class TaskEventsIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @RegisterExtension
    static final FakeServer<FakeOpenAi> PROVIDER =
            FakeServer.of(() -> FakeOpenAi.start(FakeOpenAi.port("agentqueue.it.llm-port")));

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aTasksEventsFollowItsAttemptAndProgressAndEndWhenItSettles() {
        String id = api.enqueue(Jobs.build(steps(3, 100, true)));

        List<Event> events = SseEvents.readUntilEnd(api, events(id), null, SETTLE);

        assertThat(events)
                .extracting(Event::name)
                .containsExactly(
                        "state", "attempt-started", "progress", "progress", "progress", "attempt-ended", "state");
        assertThat(events.get(0).json().getString("state")).isEqualTo("RUNNING");
        assertThat(events.get(1).json().getInt("attempt")).isEqualTo(1);
        assertThat(events.subList(2, 5))
                .extracting(event -> event.json().getInt("percent"))
                .containsExactly(33, 66, 100);
        assertThat(events.get(4).json().getString("message")).isEqualTo("step 3 of 3");
        assertThat(events.get(5).json().getString("outcome")).isEqualTo("COMPLETED");
        JsonObject settled = events.get(6).json();
        assertThat(settled.getString("state")).isEqualTo("COMPLETED");
        assertThat(settled.getBoolean("settled")).isTrue();
        assertThat(events).allSatisfy(event -> assertThat(event.id()).matches("\\d+-\\d+"));
    }

    @Test
    void aListenerThatReconnectsWithLastEventIdGetsOnlyTheEventsAfterIt() {
        String id = api.enqueue(Jobs.build(steps(2, 50, true)));
        List<Event> all = SseEvents.readUntilEnd(api, events(id), null, SETTLE);

        List<Event> resumed = SseEvents.readUntilEnd(api, events(id), all.get(1).id(), SETTLE);

        assertThat(resumed).isEqualTo(all.subList(2, all.size()));
    }

    @Test
    void aStreamedChatAnswerArrivesPieceByPieceAsOutputEvents() {
        String message = "stream these words " + UUID.randomUUID();
        String id = api.enqueue(Json.createObjectBuilder()
                .add("contract", "agentqueue.chat.v1")
                .add("agent", "scribe")
                .add(
                        "payload",
                        Json.createObjectBuilder().add("user_message", message).add("stream", true))
                .build());

        List<Event> events = SseEvents.readUntilEnd(api, events(id), null, SETTLE);

        JsonObject task = api.task(id);
        assertThat(task.getString("state")).isEqualTo("COMPLETED");
        // An attempt that timed out on a busy machine may have streamed part of an answer: the last one's pieces.
        List<String> pieces = events.stream()
                .filter(event -> event.name().equals("output"))
                .filter(event -> event.json().getInt("attempt") == task.getInt("attempt"))
                .map(event -> event.json().getString("text"))
                .toList();
        String answer = task.getJsonObject("result").getString("final_text");
        assertThat(answer).isEqualTo("echo: " + message);
        assertThat(pieces).hasSize(answer.split(" ").length);
        assertThat(String.join("", pieces)).isEqualTo(answer);
        assertThat(events.get(events.size() - 1).json().getString("state")).isEqualTo("COMPLETED");
        assertThat(task.getJsonObject("usage").getInt("output_tokens")).isEqualTo(pieces.size());
    }

    @Test
    void aListenerThatSawASettledTasksLastEventIsToldThereIsNothingMore() {
        String id = api.enqueue(Jobs.build(Jobs.echo(Json.createObjectBuilder().add("n", 1))));
        List<Event> all = SseEvents.readUntilEnd(api, events(id), null, SETTLE);

        Reply again = api.request(
                "GET",
                events(id),
                null,
                null,
                Map.of("Last-Event-ID", all.get(all.size() - 1).id()));

        // 204 tells an EventSource to stop reconnecting.
        assertThat(again.status()).isEqualTo(204);
    }

    @Test
    void theEventsOfAnUnknownTaskAnswer404() {
        Reply reply = api.get(events(UUID.randomUUID().toString()));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aWaitingReadAnswersAsSoonAsTheTaskSettles() {
        String id = api.enqueue(Jobs.build(Jobs.sleep(1_500)));
        long began = System.nanoTime();

        Reply reply = api.get("tasks/" + id + "?wait=30s");

        long tookMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getString("state")).isEqualTo("COMPLETED");
        assertThat(tookMs).isLessThan(15_000);
    }

    @Test
    void aWaitingReadAnswersWithTheCurrentStateWhenTheWaitIsOver() {
        String id = api.enqueue(Jobs.build(Jobs.sleep(4_000)));
        long began = System.nanoTime();

        Reply reply = api.get("tasks/" + id + "?wait=1s");

        long tookMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getString("state")).isIn("QUEUED", "RUNNING");
        assertThat(tookMs).isBetween(900L, 8_000L);
    }

    @Test
    void aWaitThatIsNoDurationOrLongerThanAMinuteIsRefused() {
        String id = api.enqueue(Jobs.build(Jobs.echo(Json.createObjectBuilder())));

        for (String wait : List.of("soon", "-1s", "61s", "5m")) {
            Reply reply = api.get("tasks/" + id + "?wait=" + wait);
            assertThat(reply.status()).as(wait).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aJobThatHeartbeatsCompletesPastItsTimeout() {
        // Six steps of 400 ms: 2.4 s of work under a 1 s timeout, each step's heartbeat extending the lease.
        String id = api.enqueue(Jobs.build(steps(6, 400, true).add("timeoutMs", 1_000)));

        JsonObject task = api.awaitState(id, "COMPLETED", SETTLE);

        assertThat(task.getInt("attempt")).isEqualTo(1);
    }

    @Test
    void aJobThatStopsHeartbeatingTimesOut() {
        String id = api.enqueue(Jobs.build(steps(6, 400, false).add("timeoutMs", 1_000)));

        JsonObject task = Deadline.await(
                "the first attempt of " + id + " to fail",
                SETTLE,
                () -> api.task(id),
                t -> !t.getJsonArray("history").isEmpty()
                        && t.getJsonArray("history").getJsonObject(0).containsKey("outcome"));

        JsonObject first = task.getJsonArray("history").getJsonObject(0);
        assertThat(first.getString("outcome")).isEqualTo("FAILED");
        assertThat(first.getJsonObject("error").getString("message")).contains("exceeded its timeout of 1000 ms");
        api.as(Role.ADMIN.apiUser()).delete("tasks/" + id);
    }

    private static JsonObjectBuilder steps(int steps, long stepMs, boolean heartbeat) {
        return Jobs.job(
                "steps",
                Json.createObjectBuilder()
                        .add("steps", steps)
                        .add("step_ms", stepMs)
                        .add("heartbeat", heartbeat));
    }

    private static String events(String id) {
        return "tasks/" + id + "/events";
    }
}
