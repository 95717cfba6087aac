package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A cluster scenario's processes: one redis-server, an Artemis primary/backup pair, and WildFly nodes in
 * remote-broker mode (server-config/wildfly/configure-remote-broker.cli) that share both, each with its own name,
 * ports and data directory, and the REST API of each as the run's admin user. Closing it stops every process by PID.
 */
final class ClusterRig implements AutoCloseable {

    final RedisProcess redis;
    final BrokerPair brokers;
    final List<WildFlyServer> nodes;
    final List<AgentQueueApi> apis;

    private ClusterRig(RedisProcess redis, BrokerPair brokers, List<WildFlyServer> nodes, List<AgentQueueApi> apis) {
        this.redis = redis;
        this.brokers = brokers;
        this.nodes = nodes;
        this.apis = apis;
    }

    /** Starts Redis, the broker pair and {@code nodeCount} nodes under {@code reliability.work.dir/<scenario>}. */
    static ClusterRig start(String scenario, int nodeCount) throws IOException {
        return start(scenario, nodeCount, List.of(), Map.of());
    }

    /**
     * Starts a cluster like {@link #start(String, int)} whose every node also gets the system properties
     * {@code options} and the environment {@code environment} (an agent's api-key: never on the command line).
     */
    static ClusterRig start(String scenario, int nodeCount, List<String> options, Map<String, String> environment)
            throws IOException {
        Path dir = Settings.path("work.dir").resolve(scenario);
        Progress.say("=== %s (scale %s, %d nodes) in %s", scenario, Settings.scale(), nodeCount, dir);
        RedisProcess redis = RedisProcess.start(Settings.redisPort(), dir.resolve("redis-" + System.nanoTime()));
        BrokerPair brokers = null;
        List<WildFlyServer> nodes = new ArrayList<>();
        List<AgentQueueApi> apis = new ArrayList<>();
        try {
            BrokerLogin login = BrokerLogin.generate();
            brokers = BrokerPair.start(dir, login);
            ApiUser user = AdminUser.generate();
            List<String> serverOptions = new ArrayList<>(brokers.serverOptions());
            serverOptions.addAll(options);
            Map<String, String> serverEnvironment = new HashMap<>(login.environment());
            serverEnvironment.putAll(environment);
            for (int n = 1; n <= nodeCount; n++) {
                ServerNode node = ServerNode.number(n);
                // jboss-cli configures the first copy; the others take its configuration file, which names no node.
                WildFlyServer server = WildFlyServer.prepare(
                        dir.resolve(node.name()),
                        node,
                        redis.url(),
                        user,
                        serverOptions,
                        n == 1 ? List.of(Settings.path("remote-broker.cli")) : List.of(),
                        serverEnvironment);
                if (n > 1) {
                    Files.copy(
                            nodes.get(0).configuration(), server.configuration(), StandardCopyOption.REPLACE_EXISTING);
                }
                nodes.add(server);
                apis.add(Rig.api(node.httpPort(), user));
            }
            ClusterRig rig = new ClusterRig(redis, brokers, List.copyOf(nodes), List.copyOf(apis));
            try {
                rig.startNodes();
            } catch (IOException | RuntimeException | Error e) {
                rig.close();
                throw e;
            }
            return rig;
        } catch (IOException | RuntimeException | Error e) {
            nodes.forEach(WildFlyServer::close);
            if (brokers != null) {
                brokers.close();
            }
            redis.close();
            throw e;
        }
    }

    /** Boots every stopped node at once and waits until each answers; returns the longest boot. */
    Duration startNodes() throws IOException {
        ExecutorService boots = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Duration>> started = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                WildFlyServer node = nodes.get(i);
                AgentQueueApi api = apis.get(i);
                if (!node.running()) {
                    started.add(boots.submit(() -> node.start(api)));
                }
            }
            Duration longest = Duration.ZERO;
            for (Future<Duration> boot : started) {
                Duration took = boot.get();
                longest = took.compareTo(longest) > 0 ? took : longest;
            }
            return longest;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new AssertionError("a node did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            boots.shutdownNow();
        }
    }

    /** The worker MDB of every node, for WildFly's stop-delivery and start-delivery operations. */
    static final String WORKER = "/deployment=agentqueue.ear/subdeployment=agentqueue-ejb.jar/subsystem=ejb3"
            + "/message-driven-bean=TaskWorkerBean";

    /** Stops the worker MDB's delivery on every node: tasks wait in the queue (not persisted: a restart resumes). */
    void stopDelivery() {
        nodes.forEach(node -> node.cli(WORKER + ":stop-delivery"));
    }

    /** Returns the API of node 1. */
    AgentQueueApi api() {
        return apis.get(0);
    }

    /**
     * Returns, per task id, how many runs of the diagnostic {@code count} job reached their end: its own tally in
     * Redis, which nothing but the job writes.
     */
    Map<String, Long> countJobRuns() {
        try {
            Object reply = RespClient.call(redis.port(), "HGETALL", "agentqueue:diag:count-runs");
            Map<String, Long> runs = new HashMap<>();
            List<?> flat = (List<?>) reply;
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                runs.put(String.valueOf(flat.get(i)), Long.parseLong(String.valueOf(flat.get(i + 1))));
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns how many tasks the {@code count} job has run to their end at least once. */
    long countedTasks() {
        try {
            return (Long) RespClient.call(redis.port(), "HLEN", "agentqueue:diag:count-runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the nodes, then the brokers, then Redis, each by PID. */
    @Override
    public void close() {
        try {
            nodes.forEach(WildFlyServer::close);
        } finally {
            try {
                brokers.close();
            } finally {
                redis.close();
            }
        }
    }
}
