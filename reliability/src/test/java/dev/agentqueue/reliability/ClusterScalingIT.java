package dev.agentqueue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The measurement behind docs/SCALING.md, not a CI scenario (reliability/pom.xml leaves it out unless named with
 * {@code -Dit.test=ClusterScalingIT}): the same backlog drained by one node, then by two, on one broker pair and one
 * Redis; and the Redis commands each task costs. The backlog is built with the worker MDB's delivery stopped on
 * every node (WildFly's {@code stop-delivery}), then delivery starts on the nodes measured.
 */
class ClusterScalingIT {

    @RegisterExtension
    static final ClusterRigExtension CLUSTER = new ClusterRigExtension("cluster-scaling", 2);

    @Test
    void twoNodesDrainTheBacklogOneNodeDrains() throws Exception {
        ClusterRig rig = CLUSTER.rig();
        int tasks = Integer.getInteger("reliability.scaling.tasks", 5_000);
        int taskMs = Integer.getInteger("reliability.scaling.task-ms", 0);
        Results results = new Results("scaling").put("tasks", tasks).put("taskMs", taskMs);
        // Warm both nodes up first: the first tasks of a fresh server pay for class loading and JIT.
        drain(rig, 2, tasks / 5, taskMs);
        int run = 0;
        for (int nodes : List.of(1, 2, 1, 2)) {
            run++;
            Usage before = Usage.of(rig);
            double rate = drain(rig, nodes, tasks, taskMs);
            Usage used = Usage.of(rig).minus(before);
            results.put("run" + run + "Nodes", nodes)
                    .put("run" + run + "DrainRate", Math.round(rate))
                    .put("run" + run + "RedisCommandsPerTask", Math.round(used.redisCommands / (double) tasks))
                    .put("run" + run + "BrokerCpuUsPerTask", used.brokerCpuNanos / 1_000 / tasks)
                    .put("run" + run + "RedisCpuUsPerTask", used.redisCpuNanos / 1_000 / tasks)
                    .put("run" + run + "NodesCpuUsPerTask", used.nodesCpuNanos / 1_000 / tasks);
        }
        results.write();
    }

    /** Queues {@code tasks} count jobs with delivery stopped everywhere, then lets {@code nodes} nodes drain them. */
    private static double drain(ClusterRig rig, int nodes, int tasks, int taskMs) {
        rig.stopDelivery();
        List<String> ids = rig.api()
                .enqueueAll(Collections.nCopies(
                        tasks,
                        Rig.job(
                                "count",
                                Json.createObjectBuilder().add("ms", taskMs).build())));
        long ranBefore = rig.countedTasks();
        // A jboss-cli call takes seconds to start: the measured nodes get theirs at once, and the clock starts with
        // the first task counted, so neither the CLI nor one node's head start is timed.
        rig.nodes.subList(0, nodes).parallelStream().forEach(node -> node.cli(ClusterRig.WORKER + ":start-delivery"));
        long start = Deadline.await(
                "the first task run by " + nodes + " node(s)",
                Duration.ofMinutes(1),
                () -> rig.countedTasks() > ranBefore ? System.nanoTime() : null,
                Objects::nonNull);
        Deadline.await(
                tasks + " tasks drained by " + nodes + " node(s)",
                Duration.ofMinutes(10),
                () -> rig.countedTasks() - ranBefore >= ids.size());
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = tasks / seconds;
        Progress.say("%d node(s) drained %d tasks in %.1f s: %.0f tasks/s", nodes, tasks, seconds, rate);
        for (WildFlyServer node : rig.nodes.subList(nodes, rig.nodes.size())) {
            node.cli(ClusterRig.WORKER + ":start-delivery");
        }
        assertThat(rig.countedTasks() - ranBefore).isGreaterThanOrEqualTo(tasks);
        return rate;
    }

    /**
     * What the cluster's processes have used so far, enqueue and drain alike: Redis commands ({@code INFO stats}) and
     * CPU time of Redis ({@code INFO cpu}), of the active broker and of the nodes.
     */
    private record Usage(long redisCommands, long redisCpuNanos, long brokerCpuNanos, long nodesCpuNanos) {

        static Usage of(ClusterRig rig) throws IOException {
            int port = rig.redis.port();
            double redisCpu = Double.parseDouble(RespClient.info(port, "cpu", "used_cpu_user"))
                    + Double.parseDouble(RespClient.info(port, "cpu", "used_cpu_sys"));
            return new Usage(
                    Long.parseLong(RespClient.info(port, "stats", "total_commands_processed")),
                    Math.round(redisCpu * 1e9),
                    rig.brokers.primary.cpu().toNanos(),
                    rig.nodes.stream().mapToLong(node -> node.cpu().toNanos()).sum());
        }

        Usage minus(Usage earlier) {
            return new Usage(
                    redisCommands - earlier.redisCommands,
                    redisCpuNanos - earlier.redisCpuNanos,
                    brokerCpuNanos - earlier.brokerCpuNanos,
                    nodesCpuNanos - earlier.nodesCpuNanos);
        }
    }
}
