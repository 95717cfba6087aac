package dev.agentqueue.it.support;

import dev.agentqueue.testsupport.process.Commands;
import java.time.Duration;

/**
 * The build's IT Redis as a process a test can take down and bring back, through {@code bin/redis-test-server}:
 * {@link #kill} (kill -9) or {@link #shutdown} (SHUTDOWN) leave its data directory and append-only file as they are,
 * and {@link #resume} starts it again on them. The script, port and directory come from the system properties the
 * build sets ({@code agentqueue.it.redis-script}, {@code redis.it.port}, {@code agentqueue.it.redis-dir}), client side
 * from failsafe and in the server from {@code arquillian.xml}.
 */
public final class ItRedis {

    /** How the outage begins. */
    public enum Stop {
        /** kill -9: writes already answered are in the OS page cache and the AOF keeps them. */
        KILL,
        /** SHUTDOWN: Redis flushes its AOF and exits. */
        SHUTDOWN
    }

    private static final long SCRIPT_TIMEOUT_SECONDS = 60;

    private final String script;
    private final String port;
    private final String dir;

    private ItRedis(String script, String port, String dir) {
        this.script = script;
        this.port = port;
        this.dir = dir;
    }

    /** Returns the IT Redis the build started. */
    public static ItRedis fromSystemProperties() {
        return new ItRedis(
                required("agentqueue.it.redis-script"), required("redis.it.port"), required("agentqueue.it.redis-dir"));
    }

    /** Stops Redis the given way; its data stays for {@link #resume}. */
    public void stop(Stop how) {
        run(how == Stop.KILL ? "kill" : "shutdown");
    }

    /** Starts Redis again on the data it left behind and returns once it answers PING. */
    public void resume() {
        run("resume");
    }

    /** Returns the port Redis listens on. */
    public String port() {
        return port;
    }

    private void run(String action) {
        Commands.run(
                script + " " + action,
                new ProcessBuilder(script, action, port, dir),
                Duration.ofSeconds(SCRIPT_TIMEOUT_SECONDS));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "System property " + name + " is not set; run the ITs through Maven, which starts the IT Redis");
        }
        return value;
    }
}
