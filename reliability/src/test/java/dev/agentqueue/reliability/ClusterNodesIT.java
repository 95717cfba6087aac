package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two WildFly nodes on an Artemis primary/backup pair, losing one node, then the whole cluster: a node killed with
 * SIGKILL mid-run has its in-flight tasks completed by the other node, and a cluster stopped with a backlog and
 * started again loses nothing. Each test leaves the cluster whole again.
 */
class ClusterNodesIT {

    private static final int TASK_MS = 200;

    @RegisterExtension
    static final ClusterRigExtension CLUSTER = new ClusterRigExtension("cluster-nodes", 2);

    @Test
    void aNodeKilledMidRunHasItsInFlightTasksCompletedByTheOtherNode() throws Exception {
        ClusterRig rig = CLUSTER.rig();
        int tasks = Settings.size(800, 3_000);
        Results results = new Results("15-node-crash").put("taskMs", TASK_MS);
        AgentQueueApi survivor = rig.apis.get(0);
        WildFlyServer victim = rig.nodes.get(1);

        List<String> ids = survivor.enqueueAll(Collections.nCopies(tasks, countJob()));
        Progress.say("accepted %d tasks", ids.size());
        Deadline.await(
                "a quarter of the tasks to run",
                Duration.ofMinutes(5),
                () -> rig.countJobRuns().size() >= tasks / 4);
        int ranBeforeKill = rig.countJobRuns().size();
        victim.kill();
        Instant killed = Instant.now();
        TaskAccount account = Rig.settle(survivor, ids, Duration.ofMinutes(10));
        Map<String, Long> runs = rig.countJobRuns();
        long ranTwice = ids.stream().filter(id -> runs.getOrDefault(id, 0L) > 1).count();

        results.put("accepted", ids.size())
                .put("ranBeforeKill", ranBeforeKill)
                .put("tasksRunToTheirEndTwice", ranTwice)
                .put("account", account)
                .put("recovery", Duration.between(killed, account.lastFinishedAt()))
                .write();

        account.assertEveryTaskCompletedOnce(tasks);
        assertThat(account.takenOver())
                .as("tasks abandoned by the killed node and completed by the other")
                .isNotEmpty();
        assertThat(account.executedTwice())
                .as("every task with an abandoned attempt")
                .containsExactlyInAnyOrderElementsOf(account.takenOver());
        assertThat(ids)
                .allSatisfy(id -> assertThat(runs.getOrDefault(id, 0L))
                        .as("runs of task %s", id)
                        .isPositive());
        // Only a task killed between its job's end and the record of its completion may have run to its end twice.
        assertThat(ranTwice)
                .as("tasks run to their end twice")
                .isLessThanOrEqualTo(account.takenOver().size());

        rig.startNodes();
    }

    @Test
    void aClusterStoppedWithABacklogAndStartedAgainLosesNoTask() throws Exception {
        ClusterRig rig = CLUSTER.rig();
        int tasks = Settings.size(1_000, 10_000);
        Results results = new Results("15-cluster-restart").put("taskMs", TASK_MS);

        // The workers wait while the backlog builds, so that the stop finds one whatever the machine's speed.
        rig.stopDelivery();
        List<String> ids = rig.api().enqueueAll(Collections.nCopies(tasks, countJob()));
        rig.nodes.get(0).cli(ClusterRig.WORKER + ":start-delivery");
        Progress.say("accepted %d tasks, node 1 working; stopping the cluster", ids.size());
        for (WildFlyServer node : rig.nodes) {
            node.shutdown();
        }
        Map<String, Long> ranAtStop = rig.countJobRuns();
        long ranBeforeStop = ids.stream().filter(ranAtStop::containsKey).count();
        rig.brokers.close();
        Instant restart = Instant.now();
        rig.brokers.startBoth();
        Duration boot = rig.startNodes();
        TaskAccount account = Rig.settle(rig.api(), ids, Duration.ofMinutes(10));
        Map<String, Long> runs = rig.countJobRuns();
        long ranTwice = ids.stream().filter(id -> runs.getOrDefault(id, 0L) > 1).count();

        results.put("accepted", ids.size())
                .put("backlogAtStop", ids.size() - ranBeforeStop)
                .put("nodeBoot", boot)
                .put("tasksRunToTheirEndTwice", ranTwice)
                .put("account", account)
                .put("recovery", Duration.between(restart, account.lastFinishedAt()))
                .write();

        assertThat(ranBeforeStop).as("tasks run before the stop").isLessThan(tasks);
        account.assertEveryTaskCompletedOnce(tasks);
        assertThat(ids)
                .allSatisfy(id -> assertThat(runs.getOrDefault(id, 0L))
                        .as("runs of task %s", id)
                        .isEqualTo(1L));
    }

    private static JsonObject countJob() {
        return Rig.job("count", Json.createObjectBuilder().add("ms", TASK_MS).build());
    }
}
