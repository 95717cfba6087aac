package dev.agentqueue.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentqueue.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server receiving the IT server's completion callbacks on a free loopback port. The path picks the
 * answer: {@code /ok/<name>} answers 204, {@code /flaky/<n>/<name>} 503 to the first {@code n} posts then 204,
 * {@code /down/<name>} always 500, {@code /gone/<name>} 410, {@code /throttled/<status>/<seconds>/<name>} the status
 * (429, 503) with {@code Retry-After: <seconds>} to the first post then 204. Every post is kept with its headers and
 * when it arrived.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One post as received, with the status it was answered. */
    public record Post(
            String path, String body, String signature, String timestamp, String event, int answered, Instant at) {}

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> postsByPath = new ConcurrentHashMap<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts the receiver on a free loopback port. */
    public static CallbackReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CallbackReceiver receiver = new CallbackReceiver(server);
        server.createContext("/", receiver::receive);
        server.start();
        return receiver;
    }

    /** Returns the URL of {@code path} on this receiver, e.g. {@code url("/ok/a")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Returns the posts to {@code path} so far, oldest first. */
    public List<Post> postsTo(String path) {
        return posts.stream().filter(post -> post.path().equals(path)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            Instant at = Instant.now();
            String path = exchange.getRequestURI().getPath();
            int seen = postsByPath.merge(path, 1, Integer::sum);
            int status = answer(path, seen);
            posts.add(new Post(
                    path,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst("X-AgentQueue-Event"),
                    status,
                    at));
            String[] parts = path.split("/");
            if (parts.length > 3 && parts[1].equals("throttled") && status != 204) {
                exchange.getResponseHeaders().add("Retry-After", parts[3]);
            }
            exchange.sendResponseHeaders(status, -1);
        } finally {
            exchange.close();
        }
    }

    private static int answer(String path, int seen) {
        String[] parts = path.split("/");
        return switch (parts.length > 1 ? parts[1] : "") {
            case "ok" -> 204;
            case "flaky" -> seen <= Integer.parseInt(parts[2]) ? 503 : 204;
            case "throttled" -> seen == 1 ? Integer.parseInt(parts[2]) : 204;
            case "down" -> 500;
            case "gone" -> 410;
            default -> 404;
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
