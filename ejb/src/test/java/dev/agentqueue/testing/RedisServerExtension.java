package dev.agentqueue.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@code redis-server} on a free loopback port for a test class, flushes it before each test, and
 * stops it by PID afterwards. Fails, rather than skips, when {@code redis-server} is not installed.
 */
public final class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private Process process;
    private RedisClient client;
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int port = freePort();
        dir = Files.createTempDirectory("agentqueue-redis-test");
        process = new ProcessBuilder(
                        redisServer(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
        awaitPing(Instant.now().plusSeconds(10));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        try (var connection = client.connect()) {
            connection.sync().flushall();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    /** Returns a client for the server; shut down with the extension. */
    public RedisClient client() {
        return client;
    }

    private void awaitPing(Instant deadline) throws InterruptedException {
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
            }
            try (var connection = client.connect()) {
                connection.sync().ping();
                return;
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(20); // polling interval while the server starts, not a synchronisation sleep
            }
        }
        throw new IllegalStateException("redis-server did not answer PING in time", last);
    }

    private static String redisServer() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server is not installed; run bin/ensure-redis-server "
                + "(installs the Debian package as root)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
