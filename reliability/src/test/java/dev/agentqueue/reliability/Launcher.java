package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.polling.Deadline;
import dev.agentqueue.testsupport.process.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * agentqueue as a user runs it: {@code bin/agentqueue} with a state directory, ports and an admin user of the
 * suite's own. Its WildFly and Redis outlive each command (they are daemons); {@link #close} runs
 * {@code bin/agentqueue stop}, and kills by PID whatever still runs after it.
 */
final class Launcher implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(8);

    private final Path script = Settings.path("agentqueue");
    private final Path state;
    private final ApiUser user;
    private final Path log;

    Launcher(Path state, ApiUser user) throws IOException {
        this.state = state;
        this.user = user;
        this.log = state.resolveSibling("agentqueue-commands.log");
        Files.createDirectories(state);
    }

    /** Runs {@code bin/agentqueue <arguments>} to its end; fails unless it exits with 0. */
    void run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("AGENTQUEUE_REDIS_URL");
        env.put("AGENTQUEUE_STATE_DIR", state.toString());
        env.put("AGENTQUEUE_PORT_OFFSET", Integer.toString(Settings.portOffset()));
        env.put("AGENTQUEUE_REDIS_PORT", Integer.toString(Settings.redisPort()));
        env.put("AGENTQUEUE_ADMIN_USER", user.name());
        env.put("AGENTQUEUE_ADMIN_PASSWORD", user.password());
        Progress.say("bin/agentqueue %s (output in %s)", String.join(" ", arguments), log);
        Commands.run(
                "bin/agentqueue " + String.join(" ", arguments) + " (output in " + log + ")", builder, COMMAND_TIMEOUT);
    }

    /** Kills the server JVM that {@code run} started with SIGKILL, as a crash would, and waits until it is gone. */
    void killServer() {
        ProcessHandle jvm = pid("wildfly.pid").orElseThrow(() -> new AssertionError("no running server JVM"));
        Progress.say("kill -9 %d (the server JVM bin/agentqueue started)", jvm.pid());
        jvm.destroyForcibly();
        Deadline.await("server JVM " + jvm.pid() + " to exit", Duration.ofMinutes(2), () -> !jvm.isAlive());
    }

    /** Runs {@code bin/agentqueue stop}; kills by PID what it started if that did not stop it. */
    @Override
    public void close() {
        try {
            run("stop");
        } finally {
            for (String pidFile : List.of("wildfly.pid", "redis/redis.pid")) {
                pid(pidFile).ifPresent(process -> {
                    Progress.say("still running after 'stop': pid %d; killing it", process.pid());
                    process.destroyForcibly();
                });
            }
        }
    }

    private Optional<ProcessHandle> pid(String file) {
        try {
            Path path = state.resolve(file);
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(path).trim()))
                    .filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
