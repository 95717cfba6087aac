package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.process.Commands;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WildFly of the suite's own: a copy of the server the ear module prepared, with agentqueue.ear in its
 * deployments and an API user created for this run. It is started with {@code standalone.sh} (its JVM's PID comes
 * from {@code JBOSS_PIDFILE} and is checked to be a descendant of that script), killed with SIGKILL or shut down
 * gracefully by PID, and started again on the same data directory, so the broker's journal survives. Everything it
 * started is stopped by PID in {@link #close}, also when a test failed.
 */
final class WildFlyServer implements AutoCloseable {

    // Generous: two nodes boot at once on a shared 2-core machine; a deadline, not a wait.
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    /** The count in jboss-cli's answer to {@code remove-messages}: {@code "result" => 2} (or {@code 2L}). */
    private static final Pattern REMOVED = Pattern.compile("\"result\" => (\\d+)");

    private final Path home;
    private final ServerNode node;
    private final String redisUrl;
    private final List<String> options;
    private final Map<String, String> environment;
    private final Path consoleLog;
    private final Path pidFile;
    private final Thread shutdownHook = new Thread(this::close, "reliability-server-stop");
    private Process script;
    private ProcessHandle jvm;

    private WildFlyServer(
            Path home, ServerNode node, String redisUrl, List<String> options, Map<String, String> environment) {
        this.home = home;
        this.node = node;
        this.redisUrl = redisUrl;
        this.options = options;
        this.environment = environment;
        this.consoleLog = home.resolveSibling("server-console.log");
        this.pidFile = home.resolveSibling("wildfly.pid");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Copies the prepared server into {@code dir}/wildfly (replacing an earlier copy), deploys the EAR by file and
     * creates the API user {@code user}; nothing is started yet.
     */
    static WildFlyServer prepare(Path dir, String redisUrl, ApiUser user, List<String> options) throws IOException {
        return prepare(dir, ServerNode.first(), redisUrl, user, options, List.of(), Map.of());
    }

    /**
     * Prepares node {@code node} in {@code dir}/wildfly like {@link #prepare(Path, String, ApiUser, List)}, applies
     * the jboss-cli scripts {@code cliScripts} to the copy (offline), and gives the server the extra environment
     * {@code environment} when it starts (credentials: never on the command line).
     */
    static WildFlyServer prepare(
            Path dir,
            ServerNode node,
            String redisUrl,
            ApiUser user,
            List<String> options,
            List<Path> cliScripts,
            Map<String, String> environment)
            throws IOException {
        Path source = Settings.path("wildfly.source");
        Path ear = Settings.path("ear");
        if (!Files.isExecutable(source.resolve("bin/standalone.sh")) || !Files.isRegularFile(ear)) {
            throw new IllegalStateException("No prepared server in " + source + " or no EAR at " + ear
                    + "; build the ear module first (./mvnw install -DskipTests)");
        }
        Path home = dir.resolve("wildfly");
        deleteTree(home);
        Files.createDirectories(dir);
        copyTree(source, home);
        for (String transient_ : List.of("data", "tmp", "log")) {
            deleteTree(home.resolve("standalone").resolve(transient_));
        }
        Path deployments = home.resolve("standalone/deployments");
        try (var old = Files.list(deployments)) {
            for (Path file : old.toList()) {
                if (!file.getFileName().toString().equals("README.txt")) {
                    deleteTree(file);
                }
            }
        }
        Files.copy(ear, deployments.resolve("agentqueue.ear"), StandardCopyOption.REPLACE_EXISTING);
        AdminUser.addTo(home, user);
        for (Path script : cliScripts) {
            OfflineCli.apply(home, script);
        }
        Files.deleteIfExists(home.resolveSibling("server-console.log"));
        Progress.say(
                "%s: server copy ready in %s (agentqueue.ear deployed by file, user %s)",
                node.name(), home, user.name());
        return new WildFlyServer(home, node, redisUrl, List.copyOf(options), Map.copyOf(environment));
    }

    /** Starts the server and waits until the API's health endpoint answers 200; returns the boot time. */
    Duration start(AgentQueueApi api) throws IOException {
        Duration boot = startOrCrash(api);
        if (boot == null) {
            throw new AssertionError("the server JVM exited during boot; see " + consoleLog);
        }
        return boot;
    }

    /**
     * Starts the server and waits until the API answers, or until the JVM exits on its own during boot (a task it
     * ran halted it); returns the boot time, or null after such a crash.
     */
    Duration startOrCrash(AgentQueueApi api) throws IOException {
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException("the server is running already (pid " + jvm.pid() + ")");
        }
        for (int port : List.of(node.httpPort(), node.managementPort())) {
            if (Sockets.listening(port)) {
                throw new IllegalStateException("Port " + port + " is taken by a process this suite did not start;"
                        + " choose another offset with -Dreliability.port.offset (and the http/management ports)");
            }
        }
        Files.deleteIfExists(pidFile);
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-full.xml",
                "-Djboss.socket.binding.port-offset=" + node.offset(),
                // The node name is also its transaction node identifier (configure.cli).
                "-Djboss.node.name=" + node.name(),
                "-Djboss.tx.node.id=" + node.name(),
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Dagentqueue.redis.url=" + redisUrl));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        Map<String, String> env = builder.environment();
        // standalone.sh runs the JVM in the background and writes its PID here.
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_PIDFILE", pidFile.toString());
        env.put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m");
        env.putAll(environment);
        long started = System.nanoTime();
        script = builder.start();
        Progress.say(
                "%s: standalone.sh started (pid %d), ports http %d / management %d",
                node.name(), script.pid(), node.httpPort(), node.managementPort());
        jvm = Deadline.await(
                        "the server JVM's pid file",
                        Duration.ofMinutes(1),
                        this::readJvm,
                        found -> found.isPresent() || !script.isAlive(),
                        found -> "no pid yet")
                .orElseThrow(() -> new AssertionError("standalone.sh exited with " + script.exitValue()
                        + " before starting the JVM; see " + consoleLog));
        Progress.say("server JVM pid %d (a descendant of standalone.sh pid %d)", jvm.pid(), script.pid());
        Boolean up = Deadline.await(
                "the server to boot and agentqueue to answer GET /health with 200",
                BOOT_TIMEOUT,
                () -> !jvm.isAlive() ? Boolean.FALSE : api.healthy() ? Boolean.TRUE : null,
                Objects::nonNull,
                state -> "not yet");
        Duration boot = Duration.ofNanos(System.nanoTime() - started);
        if (!up) {
            Progress.say("server JVM %d exited during boot after %.1f s", jvm.pid(), boot.toMillis() / 1000.0);
            return null;
        }
        Progress.say("server up in %.1f s", boot.toMillis() / 1000.0);
        return boot;
    }

    /** Tells whether the server JVM is alive. */
    boolean running() {
        return jvm != null && jvm.isAlive();
    }

    /** Returns the running JVM's PID. */
    long pid() {
        requireRunning();
        return jvm.pid();
    }

    /** Kills the server JVM with SIGKILL, as a crash would, and waits until it is gone. */
    void kill() {
        requireRunning();
        long pid = jvm.pid();
        Progress.say("kill -9 %d (the server JVM of %s)", pid, node.name());
        jvm.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
        Progress.say("server JVM %d is gone", pid);
    }

    /** Waits for the standalone.sh of a JVM that exited on its own (a task halted it). */
    void reap() {
        if (running()) {
            throw new IllegalStateException("the server JVM " + jvm.pid() + " is still running");
        }
        awaitExit(STOP_TIMEOUT);
        Progress.say("server JVM %d exited by itself", jvm.pid());
    }

    /** Shuts the server down gracefully (management {@code :shutdown} with a suspend timeout) and waits for it. */
    void shutdown() {
        requireRunning();
        long pid = jvm.pid();
        Progress.say("graceful shutdown of server JVM %d (:shutdown(suspend-timeout=30))", pid);
        cli(":shutdown(suspend-timeout=30)");
        awaitExit(STOP_TIMEOUT);
        Progress.say("server JVM %d stopped", pid);
    }

    /** Runs one jboss-cli command against this server's management port and returns its output. */
    String cli(String command) {
        requireRunning();
        return Commands.run(
                "jboss-cli '" + command + "'",
                new ProcessBuilder(
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "-c",
                        "--controller=remote+http://127.0.0.1:" + node.managementPort(),
                        "--command=" + command),
                CLI_TIMEOUT);
    }

    /** Pauses delivery from the task queue (not persisted: a restart resumes it). */
    void pauseTaskQueue() {
        cli("/subsystem=messaging-activemq/server=default/jms-queue=AgentQueueTasks:pause()");
        Progress.say("task queue paused");
    }

    /** Resumes delivery from the task queue. */
    void resumeTaskQueue() {
        cli("/subsystem=messaging-activemq/server=default/jms-queue=AgentQueueTasks:resume()");
        Progress.say("task queue resumed");
    }

    /**
     * Removes every message waiting on the task queue, as if the broker had lost them (those being delivered stay);
     * returns how many it removed.
     */
    long removeTaskMessages() {
        return removeTaskMessages(null);
    }

    /**
     * Removes the messages waiting on the task queue that match JMS selector {@code selector} ({@code null}: all), as
     * if the broker had lost them; returns how many it removed.
     */
    long removeTaskMessages(String selector) {
        String filter = selector == null ? "" : "filter=\"" + selector + "\"";
        String answer = cli("/subsystem=messaging-activemq/server=default/jms-queue=AgentQueueTasks:remove-messages("
                + filter + ")");
        Matcher removed = REMOVED.matcher(answer);
        if (!removed.find()) {
            throw new IllegalStateException("remove-messages answered " + answer);
        }
        Progress.say("removed %s messages from the task queue", removed.group(1));
        return Long.parseLong(removed.group(1));
    }

    /**
     * Deletes the stopped server's data directory: the broker's journal, bindings, paging and large messages, and
     * the transaction logs. As if the disk holding them were lost.
     */
    void deleteData() throws IOException {
        if (running()) {
            throw new IllegalStateException("the server is running (pid " + jvm.pid() + ")");
        }
        deleteTree(home.resolve("standalone/data"));
        Progress.say("deleted %s (the broker's journal)", home.resolve("standalone/data"));
    }

    /** Returns the CPU time the server JVM has used so far. */
    Duration cpu() {
        requireRunning();
        return jvm.info().totalCpuDuration().orElseThrow();
    }

    /** Returns this server's node. */
    ServerNode node() {
        return node;
    }

    /** Returns the server configuration file of this copy, standalone-full.xml. */
    Path configuration() {
        return home.resolve("standalone/configuration/standalone-full.xml");
    }

    /** Returns the server log of the current copy. */
    Path serverLog() {
        return home.resolve("standalone/log/server.log");
    }

    /** Stops whatever still runs, by PID: SIGTERM to the JVM first, SIGKILL if it lingers, then the script. */
    @Override
    public synchronized void close() {
        if (jvm != null && jvm.isAlive()) {
            Progress.say("stopping server JVM %d", jvm.pid());
            jvm.destroy();
            if (!waitFor(jvm, Duration.ofSeconds(60))) {
                jvm.destroyForcibly();
                waitFor(jvm, Duration.ofSeconds(30));
            }
        }
        if (script != null && script.isAlive()) {
            script.destroy();
            if (!waitFor(script.toHandle(), Duration.ofSeconds(10))) {
                script.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook itself running
        }
    }

    private void awaitExit(Duration timeout) {
        Deadline.await("server JVM " + jvm.pid() + " to exit", timeout, () -> !jvm.isAlive());
        Deadline.await("standalone.sh " + script.pid() + " to exit", timeout, () -> !script.isAlive());
    }

    private Optional<ProcessHandle> readJvm() {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile).trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(text);
            // Only our own JVM: the PID must belong to a descendant of the script we started.
            return script.toHandle().descendants().filter(h -> h.pid() == pid).findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void requireRunning() {
        if (jvm == null || !jvm.isAlive()) {
            throw new IllegalStateException("the server is not running");
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        to.resolve(from.relativize(file)),
                        StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
