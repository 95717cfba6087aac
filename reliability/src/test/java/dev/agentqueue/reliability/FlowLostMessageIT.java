package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages the broker lost while their tasks wait: their records say QUEUED, but the queue holds no message for them
 * any more (removed through the broker's management while delivery is paused). The reconciler must send a flow step's
 * again as the step of its flow, so that its completion releases the step that waits for it and the flow completes;
 * and while the queue is deeper than its browse gate it must leave the lost ones alone, to send them once the backlog
 * has drained below it.
 */
class FlowLostMessageIT {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Above the flow's two messages, below the backlog of the deep-backlog scenario. */
    private static final long MAX_BROWSE_DEPTH = 3;

    @RegisterExtension
    static final RigExtension RIG =
            new RigExtension("flow-lost-message", Rig.reconciling(GRACE, INTERVAL, MAX_BROWSE_DEPTH));

    @Test
    void flowStepsWhoseMessagesTheBrokerLostAreSentAgainAsStepsAndTheirFlowCompletes() {
        Rig rig = RIG.rig();
        rig.server.pauseTaskQueue();
        String flow = start(
                rig, Rig.countStep("left", 10), Rig.countStep("right", 10), Rig.countStep("join", 10, "left", "right"));
        awaitDepth(rig, 2, "the messages of 'left' and 'right'");

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

    @Test
    void tasksWhoseMessagesWereLostBehindABacklogDeeperThanTheGateAreSentAgainOnceItDrainsBelowIt() {
        Rig rig = RIG.rig();
        rig.server.pauseTaskQueue();
        try {
            lostBehindABacklogAreSentAgainOnceItDrains(rig);
        } finally {
            if (rig.api.taskQueue().getBoolean("paused")) {
                rig.server.resumeTaskQueue(); // after a failure, so the other scenario starts from a moving queue
            }
        }
    }

    private static void lostBehindABacklogAreSentAgainOnceItDrains(Rig rig) {
        long recoveredBefore =
                rig.api.reconciliation().getJsonNumber("recovered").longValue();
        List<String> ids = rig.api.enqueueAll(Collections.nCopies(
                6, Rig.job("count", Json.createObjectBuilder().add("ms", 10).build())));
        List<String> lost = ids.subList(0, 2);
        awaitDepth(rig, ids.size(), "the 6 tasks' messages");
        long removed = rig.server.removeTaskMessages("agentqueue_task_id IN ('" + String.join("','", lost) + "')");
        assertThat(removed).as("the messages of the first two tasks").isEqualTo(2);

        // Four messages wait, one more than the gate: every task is overdue after the grace, and none is looked for.
        JsonObject deferring = Deadline.await(
                "a pass after the removal that leaves all six tasks unchecked",
                Duration.ofMinutes(1),
                rig.api::reconciliation,
                r -> r.getInt("lastDeferred") >= ids.size()
                        && r.getString("lastDeferredReason", "").contains("holds 4 messages"),
                JsonObject::toString);
        assertThat(deferring.getJsonNumber("recovered").longValue())
                .as("messages re-sent while the queue was deeper than the gate")
                .isEqualTo(recoveredBefore);
        assertThat(lost)
                .allSatisfy(
                        id -> assertThat(rig.api.task(id).getString("state")).isEqualTo("QUEUED"));

        rig.server.resumeTaskQueue();
        Instant resumed = Instant.now();
        TaskAccount account = rig.settle(ids, Duration.ofMinutes(2));
        Duration settled = Duration.between(resumed, account.lastFinishedAt());

        account.assertEveryTaskCompletedOnce(ids.size());
        assertThat(lost)
                .as("tasks whose messages were lost")
                .allSatisfy(id -> assertThat(
                                rig.api.task(id).getJsonArray("history").getValuesAs(JsonObject.class))
                        .anySatisfy(entry ->
                                assertThat(entry.getString("outcome", "")).isEqualTo("RECOVERED")));
        long recovered = rig.api.reconciliation().getJsonNumber("recovered").longValue() - recoveredBefore;
        assertThat(recovered).as("messages the reconciler sent again").isEqualTo(2);
        new Results("deep-backlog-lost-message")
                .put("lost", removed)
                .put("recovered", recovered)
                .put("maxBrowseDepth", MAX_BROWSE_DEPTH)
                .put("deferredPasses", deferring.getJsonNumber("deferredPasses").longValue())
                .put("settledAfterResume", settled)
                .write();
    }

    private static void awaitDepth(Rig rig, long messages, String what) {
        Deadline.await(
                "the paused task queue to hold " + what,
                Duration.ofMinutes(1),
                () -> rig.api.taskQueue().getJsonNumber("depth").longValue(),
                depth -> depth == messages,
                depth -> "depth " + depth);
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
