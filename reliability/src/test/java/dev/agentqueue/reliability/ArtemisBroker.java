package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.polling.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Apache Artemis broker of the suite's own: an instance made by {@code server-config/artemis/create-broker.sh}
 * from the distribution the build unpacked, run in the foreground as a child process ({@code bin/artemis run} execs
 * the JVM, so the child's PID is the broker's), killed with SIGKILL like a crash, and stopped by PID in
 * {@link #close}.
 */
final class ArtemisBroker implements AutoCloseable {

    /** The role of a broker in a replicated pair. */
    enum Role {
        PRIMARY,
        BACKUP
    }

    /** The log line of a backup that holds a full copy of its primary's journal. */
    private static final String SYNCHRONIZED = "AMQ221024";

    private final Path instance;
    private final Role role;
    private final int port;
    private final BrokerLogin login;
    private Process process;

    private ArtemisBroker(Path instance, Role role, int port, BrokerLogin login) {
        this.instance = instance;
        this.role = role;
        this.port = port;
        this.login = login;
    }

    /**
     * Creates the instance {@code dir} for one node of a replicated pair: acceptor on {@code port}, web console on
     * {@code consolePort}, its peer's acceptor on {@code peerPort}.
     */
    static ArtemisBroker create(Path dir, Role role, int port, int consolePort, int peerPort, BrokerLogin login)
            throws IOException {
        Files.createDirectories(dir.getParent());
        run(
                login,
                dir.resolveSibling(dir.getFileName() + "-create.log"),
                Settings.path("create-broker").toString(),
                Settings.path("artemis.home").toString(),
                dir.toString(),
                "--name=" + dir.getFileName(),
                "--host=127.0.0.1",
                "--port=" + port,
                "--http-port=" + consolePort,
                "--ha=" + role.name().toLowerCase(java.util.Locale.ROOT),
                "--peer=127.0.0.1:" + peerPort,
                "--java-memory=512M",
                "--force");
        Progress.say("broker %s created in %s (acceptor 127.0.0.1:%d)", role, dir, port);
        return new ArtemisBroker(dir, role, port, login);
    }

    /** Starts the broker; a primary is waited for until its acceptor answers, a backup only until it runs. */
    void start() throws IOException {
        if (running()) {
            throw new IllegalStateException("broker " + role + " runs already (pid " + process.pid() + ")");
        }
        Files.createDirectories(instance.resolve("log"));
        Files.deleteIfExists(log());
        ProcessBuilder builder = new ProcessBuilder(
                        instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        instance.resolve("log/console.out").toFile()));
        builder.environment().putAll(login.environment());
        process = builder.start();
        process.getOutputStream().close();
        Progress.say("broker %s started, pid %d", role, process.pid());
        if (role == Role.PRIMARY) {
            awaitActive(Duration.ofMinutes(2));
        }
    }

    /** Waits until this broker's acceptor answers (a backup's only once it has taken over); returns the wait. */
    Duration awaitActive(Duration timeout) {
        long start = System.nanoTime();
        Deadline.await("broker " + role + " to accept connections on " + port, timeout, () -> {
            if (!running()) {
                throw new AssertionError("broker " + role + " exited; see " + log());
            }
            return Sockets.listening(port);
        });
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        Progress.say("broker %s is active on 127.0.0.1:%d", role, port);
        return waited;
    }

    /** Waits until this backup has copied its primary's journal and replicates every write. */
    void awaitSynchronized(Duration timeout) {
        Deadline.await("backup broker to synchronize with its primary", timeout, () -> {
            if (!running()) {
                throw new AssertionError("broker " + role + " exited; see " + log());
            }
            try {
                return Files.isRegularFile(log()) && Files.readString(log()).contains(SYNCHRONIZED);
            } catch (IOException e) {
                return false;
            }
        });
        Progress.say("backup broker is synchronized with the primary");
    }

    /** Kills the broker JVM with SIGKILL, as a crash would, and waits until it is gone. */
    void kill() {
        if (!running()) {
            throw new IllegalStateException("broker " + role + " is not running");
        }
        Progress.say("kill -9 %d (the %s broker)", process.pid(), role);
        process.destroyForcibly();
        Deadline.await("broker " + role + " to exit", Duration.ofMinutes(1), () -> !process.isAlive());
    }

    /** Tells whether the broker JVM is alive. */
    boolean running() {
        return process != null && process.isAlive();
    }

    /** Returns the CPU time the broker JVM has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElseThrow();
    }

    /** Returns the acceptor port. */
    int port() {
        return port;
    }

    /** Stops the broker by its PID: SIGTERM (a clean shutdown), SIGKILL if it lingers. */
    @Override
    public void close() {
        if (!running()) {
            return;
        }
        Processes.stop(process, Duration.ofSeconds(60));
        Progress.say("broker %s pid %d stopped", role, process.pid());
    }

    private Path log() {
        return instance.resolve("log/artemis.log");
    }

    private static void run(BrokerLogin login, Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(login.environment());
        Process script = builder.start();
        try {
            if (!script.waitFor(2, TimeUnit.MINUTES) || script.exitValue() != 0) {
                script.destroyForcibly();
                throw new AssertionError(command[0] + " failed; see " + log + ":\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
