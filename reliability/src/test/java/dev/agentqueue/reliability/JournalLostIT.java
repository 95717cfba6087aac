package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker's journal lost: the server JVM is killed mid-run and its data directory deleted before it starts again,
 * so the broker holds none of the messages while Redis still records the tasks as queued or running. The reconciler
 * must find them once they are overdue by its grace and send their messages again, so every task still completes.
 */
class JournalLostIT {

    private static final long TASK_MS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @RegisterExtension
    static final RigExtension RIG = new RigExtension("journal-lost", Rig.reconciling(GRACE, INTERVAL));

    @Test
    void tasksWhoseMessagesTheBrokerLostAreSentAgainFromRedisAndAllComplete() throws Exception {
        Rig rig = RIG.rig();
        int tasks = Settings.size(300, 2_000);
        Results results = new Results("journal-lost").put("taskMs", TASK_MS);

        JsonObject sleep = Json.createObjectBuilder(Rig.job(
                        "sleep", Json.createObjectBuilder().add("ms", TASK_MS).build()))
                .add("timeoutMs", TIMEOUT.toMillis())
                .build();
        rig.server.pauseTaskQueue();
        List<String> ids = rig.api.enqueueAll(Collections.nCopies(tasks, sleep));
        Progress.say("accepted %d sleep-%d-ms tasks", ids.size(), TASK_MS);
        // Held in the paused queue past the grace, every task is overdue: the reconciler must find each one's
        // message there and send none again.
        JsonObject waiting = Deadline.await(
                "a reconciliation pass over the waiting tasks",
                Duration.ofMinutes(2),
                rig.api::reconciliation,
                r -> r.getInt("lastChecked") >= tasks,
                r -> "last pass checked " + r.get("lastChecked"));
        assertThat(waiting.getJsonNumber("recovered").longValue())
                .as("tasks re-sent while their messages waited in the queue")
                .isZero();
        rig.server.resumeTaskQueue();
        JsonObject atKill = rig.awaitAcknowledged(tasks / 4);
        rig.server.kill();
        rig.server.deleteData();
        long doneBeforeKill = atKill.getJsonNumber("messagesAcknowledged").longValue();

        Duration boot = rig.server.start(rig.api);
        Instant up = Instant.now();
        assertThat(rig.api.taskQueue().getJsonNumber("depth").longValue())
                .as("messages the restarted broker holds")
                .isZero();
        TaskAccount account = rig.settle(ids, Duration.ofMinutes(10));
        JsonObject reconciliation = rig.api.reconciliation();
        Duration settled = Duration.between(up, account.lastFinishedAt());
        long recovered = reconciliation.getJsonNumber("recovered").longValue();

        results.put("accepted", ids.size())
                .put("acknowledgedBeforeKill", doneBeforeKill)
                .put("recovered", recovered)
                .put("account", account)
                .put("serverBoot", boot)
                .put("graceMs", GRACE.toMillis())
                .put("intervalMs", INTERVAL.toMillis())
                .put("settledAfterBoot", settled)
                .write();

        account.assertEveryTaskCompletedOnce(tasks);
        assertThat(recovered)
                .as("tasks the reconciler sent again")
                .isPositive()
                .isLessThanOrEqualTo(tasks - doneBeforeKill);
        // Queued tasks are due at once, running ones after their timeout; then the grace, then at most one pass.
        Duration bound = TIMEOUT.plus(GRACE).plus(INTERVAL.multipliedBy(2)).plus(Duration.ofSeconds(60));
        assertThat(settled).as("time from the restart to the last task settled").isLessThan(bound);
    }
}
