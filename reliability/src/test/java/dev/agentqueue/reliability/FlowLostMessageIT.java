package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flow steps whose messages the broker lost: their records say QUEUED, but the queue holds no message for them any
 * more (removed through the broker's management while delivery is paused). The reconciler must send each again as
 * the step of its flow, so that their completions release the step that waits for both and the flow completes.
 */
class FlowLostMessageIT {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("flow-lost-message", Rig.reconciling(GRACE, INTERVAL));

    @Test
    void flowStepsWhoseMessagesTheBrokerLostAreSentAgainAsStepsAndTheirFlowCompletes() {
        Rig rig = RIG.rig();
        rig.server.pauseTaskQueue();
        String flow = start(
                rig, Rig.countStep("left", 10), Rig.countStep("right", 10), Rig.countStep("join", 10, "left", "right"));
        Deadline.await(
                "the paused task queue to hold the messages of 'left' and 'right'",
                Duration.ofMinutes(1),
                () -> rig.api.taskQueue().getJsonNumber("depth").longValue(),
                depth -> depth == 2,
                depth -> "depth " + depth);

        long removed = rig.server.removeTaskMessages();
        rig.server.resumeTaskQueue();
        Instant resumed = Instant.now();

        assertThat(removed)
                .as("the messages of the steps that started with the flow")
                .isEqualTo(2);
        JsonObject completed = Deadline.await(
                "flow " + flow + " to complete",
                Duration.ofMinutes(1),
                () -> rig.api.get("flows/" + flow).expect(200).json(),
                f -> "COMPLETED".equals(f.getString("state")),
                f -> f.toString());
        Duration settled = Duration.between(resumed, Instant.now());
        assertThat(completed.getJsonArray("steps").getValuesAs(JsonObject.class))
                .allSatisfy(step -> assertThat(step.getString("state")).isEqualTo("COMPLETED"));
        long recovered = rig.api.reconciliation().getJsonNumber("recovered").longValue();
        assertThat(recovered).as("messages the reconciler sent again").isGreaterThanOrEqualTo(2);
        new Results("flow-lost-message")
                .put("lostSteps", removed)
                .put("recovered", recovered)
                .put("graceMs", GRACE.toMillis())
                .put("intervalMs", INTERVAL.toMillis())
                .put("flowCompletedAfterResume", settled)
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
}
