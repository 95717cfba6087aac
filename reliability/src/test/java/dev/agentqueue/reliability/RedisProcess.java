package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.polling.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A redis-server of the suite's own: started in the foreground as a child process (so its PID is known), on a port
 * the build reserved, with the project's {@code redis.conf} (append-only file on) and a fresh data directory; or the
 * same binary in Sentinel mode, watching a primary.
 */
final class RedisProcess implements RedisService {

    private final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts redis-server on {@code port} with its data in {@code dir} and waits until it answers PING;
     * {@code options} are more command-line settings (for example {@code --replicaof 127.0.0.1 6379}).
     */
    static RedisProcess start(int port, Path dir, String... options) throws IOException {
        // A copy: a Sentinel that promotes or demotes a server has it rewrite its configuration file (CONFIG REWRITE).
        Files.createDirectories(dir);
        Path conf =
                Files.copy(Settings.path("redis.conf"), dir.resolve("redis.conf"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                conf.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--appendonly",
                "yes",
                "--daemonize",
                "no",
                "--logfile",
                dir.resolve("redis.log").toString()));
        command.addAll(List.of(options));
        RedisProcess redis = launch(port, dir, command);
        Progress.say("redis-server pid %d on 127.0.0.1:%d (AOF on, data %s)", redis.process.pid(), port, dir);
        return redis;
    }

    /**
     * Starts a Sentinel (redis-server in Sentinel mode, which Debian's redis-server package includes) on
     * {@code port} that watches the primary {@code primaryName} on {@code primaryPort} with a quorum of
     * {@code quorum}, and considers it down after {@code downAfter} without an answer.
     */
    static RedisProcess sentinel(
            int port, Path dir, String primaryName, int primaryPort, int quorum, Duration downAfter)
            throws IOException {
        Files.createDirectories(dir);
        // Sentinel rewrites its configuration file as it learns the replicas, the other Sentinels and failovers.
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "daemonize no",
                        "dir " + dir,
                        "logfile " + dir.resolve("sentinel.log"),
                        "sentinel monitor " + primaryName + " 127.0.0.1 " + primaryPort + " " + quorum,
                        "sentinel down-after-milliseconds " + primaryName + " " + downAfter.toMillis(),
                        "sentinel failover-timeout " + primaryName + " "
                                + downAfter.multipliedBy(10).toMillis(),
                        "sentinel parallel-syncs " + primaryName + " 1",
                        ""));
        RedisProcess sentinel = launch(port, dir, List.of("redis-server", conf.toString(), "--sentinel"));
        Progress.say(
                "sentinel pid %d on 127.0.0.1:%d watching '%s' on port %d",
                sentinel.process.pid(), port, primaryName, primaryPort);
        return sentinel;
    }

    private static RedisProcess launch(int port, Path dir, List<String> command) throws IOException {
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile())
                .start();
        RedisProcess redis = new RedisProcess(port, process);
        try {
            Deadline.await("redis-server on port " + port + " to answer PING", Duration.ofSeconds(30), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("redis-server exited with " + process.exitValue() + "; see " + dir);
                }
                return RespClient.pings(port);
            });
        } catch (RuntimeException | Error e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** Returns the port it listens on. */
    int port() {
        return port;
    }

    /** Kills the process with SIGKILL, as a crash would, and waits until it is gone. */
    void kill() {
        Progress.say("kill -9 %d (redis-server on port %d)", process.pid(), port);
        process.destroyForcibly();
        Deadline.await("redis-server " + process.pid() + " to exit", Duration.ofSeconds(30), () -> !process.isAlive());
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Deletes every key, as {@code FLUSHALL} does: all task records, indexes and idempotency keys are gone. */
    void flushAll() {
        try {
            Object reply = RespClient.call(port, "FLUSHALL");
            if (!"OK".equals(reply)) {
                throw new AssertionError("FLUSHALL answered " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress.say("redis-server on port %d flushed (FLUSHALL)", port);
    }

    /** Stops the process by its PID: SIGTERM (Redis writes its AOF and exits), SIGKILL if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        Processes.stop(process, Duration.ofSeconds(15));
        Progress.say("redis-server pid %d stopped", process.pid());
    }
}
