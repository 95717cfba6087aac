package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster failover of the broker: two WildFly nodes on an Artemis primary/backup pair, producers enqueueing through
 * both, and the primary killed with SIGKILL once at least 2,000 tasks are accepted. The backup takes over, the nodes
 * reconnect to it by themselves, and every accepted task must end COMPLETED with no task run to its end twice
 * (counted by the {@code count} job's own tally in Redis) and none lost.
 */
class BrokerFailoverIT {

    private static final int TASK_MS = 20;
    private static final int PRODUCERS_PER_NODE = 3;

    @RegisterExtension
    static final ClusterRigExtension CLUSTER = new ClusterRigExtension("broker-failover", 2);

    @Test
    void killingThePrimaryBrokerMidRunLosesNoTaskAndRunsNoneToItsEndTwice() throws Exception {
        ClusterRig rig = CLUSTER.rig();
        int beforeKill = Settings.size(2_000, 5_000);
        int afterFailover = Settings.size(500, 2_000);
        Results results = new Results("15-broker-failover").put("taskMs", TASK_MS);
        IntFunction<JsonObject> task = n ->
                Rig.job("count", Json.createObjectBuilder().add("ms", TASK_MS).build());
        List<EnqueueLoad> loads = new ArrayList<>();
        for (AgentQueueApi api : rig.apis) {
            loads.add(EnqueueLoad.start(api, PRODUCERS_PER_NODE, task));
        }

        Deadline.await(beforeKill + " accepted tasks", Duration.ofMinutes(5), () -> accepted(loads) >= beforeKill);
        int acceptedAtKill = accepted(loads);
        long killedAt = System.nanoTime();
        rig.brokers.primary.kill();
        rig.brokers.backup.awaitActive(Duration.ofMinutes(2));
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
        Progress.say("backup active %.1f s after the kill", failover.toMillis() / 1000.0);
        Deadline.await(
                afterFailover + " more accepted tasks after the failover",
                Duration.ofMinutes(5),
                () -> accepted(loads) >= acceptedAtKill + afterFailover);

        List<EnqueueLoad.Answer> answers = new ArrayList<>();
        for (EnqueueLoad load : loads) {
            answers.addAll(load.stop());
        }
        List<String> ids = answers.stream()
                .filter(EnqueueLoad.Answer::accepted)
                .map(EnqueueLoad.Answer::taskId)
                .toList();
        Optional<Long> firstAcceptedAfterKill = answers.stream()
                .filter(a -> a.accepted() && a.sentNanos() > killedAt)
                .map(EnqueueLoad.Answer::answeredNanos)
                .min(Long::compare);
        long refused = answers.stream().filter(a -> !a.accepted()).count();

        TaskAccount account = Rig.settle(rig.apis.get(1), ids, Duration.ofMinutes(10));
        Map<String, Long> runs = rig.countJobRuns();
        List<String> ranTwice =
                ids.stream().filter(id -> runs.getOrDefault(id, 0L) > 1).toList();
        List<String> neverRan =
                ids.stream().filter(id -> runs.getOrDefault(id, 0L) == 0).toList();

        results.put("acceptedAtKill", acceptedAtKill)
                .put("accepted", ids.size())
                .put("refusedOrUnanswered", refused)
                .put("backupActiveAfterKill", failover)
                .put(
                        "firstAcceptedEnqueueAfterKill",
                        Duration.ofNanos(firstAcceptedAfterKill.orElse(killedAt) - killedAt))
                .put("tasksRunToTheirEndTwice", ranTwice.size())
                .put("account", account)
                .write();

        account.assertEveryTaskCompletedOnce(ids.size());
        assertThat(acceptedAtKill).as("tasks accepted before the kill").isGreaterThanOrEqualTo(beforeKill);
        assertThat(firstAcceptedAfterKill)
                .as("an enqueue accepted after the failover")
                .isPresent();
        assertThat(neverRan)
                .as("completed tasks whose job never ran to its end")
                .isEmpty();
        assertThat(ranTwice).as("tasks whose job ran to its end twice").isEmpty();
    }

    private static int accepted(List<EnqueueLoad> loads) {
        return loads.stream().mapToInt(EnqueueLoad::accepted).sum();
    }
}
