package dev.agentqueue.testsupport.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Ollama chat server on loopback for the integration tests: {@code POST /api/chat} (not streamed) answers
 * {@code "echo: <user message>"} with {@code prompt_eval_count} and {@code eval_count} counted in words, as Ollama
 * reports usage. A model other than {@link #MODEL} gets 404 {@code model "…" not found}, as from an Ollama that never
 * pulled it, and a user message with {@code [[503-once]]} gets 503 {@code server busy} the first time, as from an
 * Ollama whose request queue is full.
 */
public final class FakeOllama implements AutoCloseable {

    /** The only model this server has pulled. */
    public static final String MODEL = "fake-llama";

    private final HttpServer server;
    private final Map<String, AtomicInteger> requestsByMessage = new ConcurrentHashMap<>();

    private FakeOllama(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/api/chat", this::chat);
        server.start();
    }

    /** Starts a server on the given loopback port. */
    public static FakeOllama start(int port) {
        try {
            return new FakeOllama(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Ollama on port " + port, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void chat(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject request;
            try (var reader = Json.createReader(
                    new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
                request = reader.readObject();
            }
            String model = request.getString("model", "");
            if (!MODEL.equals(model)) {
                error(exchange, 404, "model \"" + model + "\" not found, try pulling it first");
                return;
            }
            String message = FakeOpenAi.userMessage(request);
            int seen = requestsByMessage
                    .computeIfAbsent(message, m -> new AtomicInteger())
                    .incrementAndGet();
            if (message.contains("[[503-once]]") && seen == 1) {
                error(exchange, 503, "server busy, please try again.  maximum pending requests exceeded");
                return;
            }
            answer(exchange, request, message);
        }
    }

    private static void answer(HttpExchange exchange, JsonObject request, String message) throws IOException {
        String text = "echo: " + message;
        int prompt = request.getJsonArray("messages").stream()
                .map(m -> m.asJsonObject().getString("content", ""))
                .mapToInt(FakeOpenAi::words)
                .sum();
        FakeOpenAi.send(
                exchange,
                200,
                Json.createObjectBuilder()
                        .add("model", MODEL)
                        .add("created_at", Instant.now().toString())
                        .add(
                                "message",
                                Json.createObjectBuilder()
                                        .add("role", "assistant")
                                        .add("content", text))
                        .add("done", true)
                        .add("done_reason", "stop")
                        .add("prompt_eval_count", prompt)
                        .add("eval_count", FakeOpenAi.words(text))
                        .build());
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        FakeOpenAi.send(
                exchange,
                status,
                Json.createObjectBuilder().add("error", message).build());
    }
}
