package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flow steps whose messages the broker lost: their records say QUEUED, but the queue holds no message for them any
 * more (removed through the broker's management while delivery is paused). The reconciler must send each again as
 * the step of its flow, so that its completion releases the step after it and both flows complete. One lost step
 * started with its flow; the other was released by the completion of the step before it.
 */
class FlowLostMessageIT {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Long enough for the queue to be paused while it runs, so the step it releases waits on the paused queue. */
    private static final long SLOW_MS = 15_000;

    @RegisterExtension
    static final RigExtension RIG = new RigExtension(
            "flow-lost-message",
            "-Dagentqueue.reconcile.grace=" + GRACE.toSeconds() + "s",
            "-Dagentqueue.reconcile.interval=" + INTERVAL.toSeconds() + "s");

    @Test
    void flowStepsWhoseMessagesTheBrokerLostAreSentAgainAsStepsAndTheirFlowsComplete() {
        Rig rig = RIG.rig();
        String slowFlow = start(rig, step("slow", "sleep", SLOW_MS), step("released", "count", 10, "slow"));
        awaitStep(rig, slowFlow, "slow", "RUNNING");
        rig.server.pauseTaskQueue();
        String quickFlow = start(rig, step("first", "count", 10), step("second", "count", 10, "first"));
        awaitStep(rig, slowFlow, "released", "QUEUED");
        // Once 'slow' is acknowledged too, the queue holds the two messages to lose and nothing else.
        Deadline.await(
                "the paused task queue to hold the messages of 'first' and 'released' only",
                Duration.ofMinutes(1),
                () -> rig.api.taskQueue().getJsonNumber("depth").longValue(),
                depth -> depth == 2,
                depth -> "depth " + depth);

        long removed = rig.server.removeTaskMessages();
        rig.server.resumeTaskQueue();
        Instant resumed = Instant.now();

        assertThat(removed)
                .as("the messages of step 'first' (on the queue since the flow started) and of step 'released'"
                        + " (sent when 'slow' completed)")
                .isEqualTo(2);
        for (String flow : List.of(quickFlow, slowFlow)) {
            JsonObject completed = Deadline.await(
                    "flow " + flow + " to complete",
                    Duration.ofMinutes(1),
                    () -> flow(rig, flow),
                    f -> "COMPLETED".equals(f.getString("state")),
                    f -> f.toString());
            assertThat(completed.getJsonArray("steps").getValuesAs(JsonObject.class))
                    .allSatisfy(step -> assertThat(step.getString("state")).isEqualTo("COMPLETED"));
        }
        Duration settled = Duration.between(resumed, Instant.now());
        long recovered = rig.api.reconciliation().getJsonNumber("recovered").longValue();
        assertThat(recovered).as("messages the reconciler sent again").isGreaterThanOrEqualTo(2);
        new Results("flow-lost-message")
                .put("lostSteps", removed)
                .put("recovered", recovered)
                .put("graceMs", GRACE.toMillis())
                .put("intervalMs", INTERVAL.toMillis())
                .put("flowsCompletedAfterResume", settled)
                .write();
    }

    private static String start(Rig rig, JsonObjectBuilder... steps) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (JsonObjectBuilder step : steps) {
            all.add(step);
        }
        return rig.api
                .postJson("flows", Json.createObjectBuilder().add("steps", all).build())
                .expect(202)
                .json()
                .getString("id");
    }

    private static JsonObjectBuilder step(String name, String job, long ms, String... after) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add(
                        "task",
                        Rig.job(job, Json.createObjectBuilder().add("ms", ms).build()))
                .add("after", Json.createArrayBuilder(List.of(after)));
    }

    private static void awaitStep(Rig rig, String flow, String step, String taskState) {
        Deadline.await(
                "step " + step + " of flow " + flow + " to be " + taskState,
                Duration.ofMinutes(1),
                () -> flow(rig, flow),
                f -> f.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                        .anyMatch(s ->
                                s.getString("name").equals(step) && taskState.equals(s.getString("taskState", ""))),
                f -> f.toString());
    }

    private static JsonObject flow(Rig rig, String id) {
        return rig.api.get("flows/" + id).expect(200).json();
    }
}
