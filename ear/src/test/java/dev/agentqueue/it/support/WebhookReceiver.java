package dev.agentqueue.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A local HTTP server receiving the IT server's DLQ alert webhooks on {@code agentqueue.it.webhook-port}: it keeps
 * every post (body and signature header) and refuses with 503 the first post whose body {@code failFirst} accepts,
 * so that a test sees the sender try again.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One post as received. */
    public record Post(String body, String signature) {}

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<Post> refused = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts the receiver; the first post {@code failFirst} accepts is answered 503. */
    public static WebhookReceiver start(String signatureHeader, Predicate<String> failFirst) throws IOException {
        int port = Integer.getInteger("agentqueue.it.webhook-port", 18090);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/dlq-alerts", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Post post = new Post(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst(signatureHeader));
                boolean refuse;
                synchronized (receiver) {
                    refuse = failFirst.test(post.body()) && receiver.refused.isEmpty();
                    (refuse ? receiver.refused : receiver.posts).add(post);
                }
                exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return receiver;
    }

    /** Returns the posts answered 2xx so far. */
    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** Returns the posts answered 503. */
    public List<Post> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
