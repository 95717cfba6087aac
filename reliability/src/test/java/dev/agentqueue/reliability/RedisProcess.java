package dev.agentqueue.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the suite's own: started in the foreground as a child process (so its PID is known), on a port
 * the build reserved, with the project's {@code redis.conf} (append-only file on) and a fresh data directory.
 */
final class RedisProcess implements AutoCloseable {

    private final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts redis-server on {@code port} with its data in {@code dir} and waits until it answers PING. */
    static RedisProcess start(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(List.of(
                        "redis-server",
                        Settings.path("redis.conf").toString(),
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
                        dir.resolve("redis.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile())
                .start();
        RedisProcess redis = new RedisProcess(port, process);
        try {
            Deadline.await("redis-server on port " + port + " to answer PING", Duration.ofSeconds(30), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("redis-server exited with " + process.exitValue() + "; see " + dir);
                }
                return redis.pings();
            });
        } catch (RuntimeException | Error e) {
            redis.close();
            throw e;
        }
        Progress.say("redis-server pid %d on 127.0.0.1:%d (AOF on, data %s)", process.pid(), port, dir);
        return redis;
    }

    /** Returns the URL the server connects with. */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Deletes every key, as {@code FLUSHALL} does: all task records, indexes and idempotency keys are gone. */
    void flushAll() {
        try {
            String reply = command("FLUSHALL", 3);
            if (!"+OK".equals(reply)) {
                throw new AssertionError("FLUSHALL answered " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress.say("redis-server on port %d flushed (FLUSHALL)", port);
    }

    private boolean pings() {
        try {
            return "+PONG".equals(command("PING", 5));
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one inline command and returns the first {@code replyLength} bytes of the reply. */
    private String command(String command, int replyLength) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(replyLength), StandardCharsets.US_ASCII);
        }
    }

    /** Stops the process by its PID: SIGTERM (Redis writes its AOF and exits), SIGKILL if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping redis-server", e));
        }
        Progress.say("redis-server pid %d stopped", process.pid());
    }
}
