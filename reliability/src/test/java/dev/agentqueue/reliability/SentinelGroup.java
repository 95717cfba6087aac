package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.polling.Deadline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Redis that survives the loss of its primary: a primary, one replica and three Sentinels (quorum 2), each a
 * process of the suite's own on a port the build reserved. The server reaches it with a {@code redis-sentinel://}
 * URL naming the three Sentinels; after a failover they name the former replica as the primary.
 */
final class SentinelGroup implements RedisService {

    /** The name the Sentinels know the primary by, the fragment of the URL. */
    static final String PRIMARY_NAME = "agentqueue";

    private static final int QUORUM = 2;

    private final RedisProcess primary;
    private final RedisProcess replica;
    private final List<RedisProcess> sentinels;

    private SentinelGroup(RedisProcess primary, RedisProcess replica, List<RedisProcess> sentinels) {
        this.primary = primary;
        this.replica = replica;
        this.sentinels = sentinels;
    }

    /**
     * Starts the five processes with their data under {@code dir} and waits until the replica is in sync and every
     * Sentinel knows the replica and can reach a quorum; {@code downAfter} is how long the Sentinels wait for a
     * silent primary before they fail it over.
     */
    static SentinelGroup start(Path dir, Duration downAfter) throws IOException {
        List<RedisProcess> started = new ArrayList<>();
        try {
            RedisProcess primary = RedisProcess.start(Settings.redisPort(), dir.resolve("primary"));
            started.add(primary);
            RedisProcess replica = RedisProcess.start(
                    Settings.redisReplicaPort(),
                    dir.resolve("replica"),
                    "--replicaof",
                    "127.0.0.1",
                    Integer.toString(primary.port()));
            started.add(replica);
            List<RedisProcess> sentinels = new ArrayList<>();
            for (int port : Settings.sentinelPorts()) {
                RedisProcess sentinel = RedisProcess.sentinel(
                        port, dir.resolve("sentinel-" + port), PRIMARY_NAME, primary.port(), QUORUM, downAfter);
                started.add(sentinel);
                sentinels.add(sentinel);
            }
            SentinelGroup group = new SentinelGroup(primary, replica, List.copyOf(sentinels));
            group.awaitReady();
            return group;
        } catch (IOException | RuntimeException | Error e) {
            started.forEach(RedisProcess::close);
            throw e;
        }
    }

    @Override
    public String url() {
        return "redis-sentinel://"
                + sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","))
                + "#" + PRIMARY_NAME;
    }

    /** Returns the process that was the primary at the start. */
    RedisProcess primary() {
        return primary;
    }

    /** Returns the process that was the replica at the start. */
    RedisProcess replica() {
        return replica;
    }

    /** Returns the port of the primary as each Sentinel names it now (0 where a Sentinel does not answer). */
    List<Integer> primaryPortBySentinel() {
        List<Integer> ports = new ArrayList<>();
        for (RedisProcess sentinel : sentinels) {
            try {
                List<?> address =
                        (List<?>) RespClient.call(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", PRIMARY_NAME);
                ports.add(Integer.parseInt(String.valueOf(address.get(1))));
            } catch (IOException | RuntimeException e) {
                ports.add(0);
            }
        }
        return ports;
    }

    /** Returns the replication role ({@code master} or {@code slave}) the process on {@code port} reports. */
    static String role(int port) {
        try {
            return RespClient.info(port, "replication", "role");
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    private void awaitReady() {
        Deadline.await("the replica to be in sync with the primary", Duration.ofSeconds(30), () -> {
            try {
                return "up".equals(RespClient.info(replica.port(), "replication", "master_link_status"));
            } catch (IOException e) {
                return false;
            }
        });
        for (RedisProcess sentinel : sentinels) {
            // A Sentinel learns the replica from the primary's INFO (every 10 s) and the other Sentinels through
            // the primary's hello channel (every 2 s); before that it could not fail the primary over.
            Deadline.await(
                    "sentinel " + sentinel.port() + " to know the replica and reach a quorum",
                    Duration.ofSeconds(60),
                    () -> readiness(sentinel.port()),
                    state -> state.startsWith("OK " + Settings.sentinelPorts().size() + " usable"),
                    state -> state);
        }
        Progress.say(
                "sentinel group ready: primary %d, replica %d, sentinels %s",
                primary.port(),
                replica.port(),
                sentinels.stream().map(RedisProcess::port).toList());
    }

    private static String readiness(int sentinelPort) {
        try {
            List<?> replicas = (List<?>) RespClient.call(sentinelPort, "SENTINEL", "REPLICAS", PRIMARY_NAME);
            if (replicas.isEmpty()) {
                return "no replica known yet";
            }
            return String.valueOf(RespClient.call(sentinelPort, "SENTINEL", "CKQUORUM", PRIMARY_NAME));
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        for (RedisProcess sentinel : sentinels) {
            sentinel.close();
        }
        replica.close();
        primary.close();
    }
}
