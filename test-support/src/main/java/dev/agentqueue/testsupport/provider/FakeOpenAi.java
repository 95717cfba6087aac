package dev.agentqueue.testsupport.provider;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OpenAI-compatible chat server on loopback for the integration tests and the reliability suite. It answers
 * {@code POST /v1/chat/completions} with {@code "echo: <user message>"} and usage counted in words, unless the user
 * message carries a marker choosing a fault: {@code [[429-once:S]]} (429 with {@code Retry-After: S} on the first
 * request for that message), {@code [[500-once]]}, {@code [[slow-once:MS]]}, {@code [[slow:MS]]} (every time),
 * {@code [[400]]}, {@code [[403]]}, {@code [[ratelimit-low:MS]]} (a normal answer whose rate-limit headers say no
 * request remains for MS ms). The answer stops at the request's {@code max_tokens} words, as a model's does.
 * A wrong bearer token gets 401 and a model other than {@link #MODEL} gets 404 {@code model_not_found}. It keeps the
 * request headers of the last request for each user message ({@link #header}), and records every call it answered
 * with its time and tokens, and the most calls it had in progress at once.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** The only model this server knows. */
    public static final String MODEL = "fake-small";

    /** The bearer token it accepts; a test value, not a credential. */
    public static final String API_KEY = "it-fake-key";

    private static final Pattern MARKER = Pattern.compile("\\[\\[([a-z0-9-]+)(?::(\\d+))?]]");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> requestsByMessage = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Headers> headersByMessage = new ConcurrentHashMap<>();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostInProgress = new AtomicInteger();

    /** One answered chat call: when it arrived (epoch ms) and the tokens (input plus output) its usage reported. */
    public record Call(long arrivedMs, int tokens) {}

    private FakeOpenAi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/v1/chat/completions", this::chat);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on the given loopback port. */
    public static FakeOpenAi start(int port) {
        try {
            return new FakeOpenAi(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake provider on port " + port, e);
        }
    }

    /**
     * Returns a request for a chat task for {@code agent} that takes {@code callMs} at this server: its user message
     * has 60 words (about a hundred tokens with an answer of 40), and {@code n} makes it unique.
     */
    public static JsonObject slowChatTask(String agent, int n, int callMs) {
        StringBuilder message = new StringBuilder("[[slow:" + callMs + "]] limited task " + n);
        for (int i = 0; i < 55; i++) {
            message.append(i % 2 == 0 ? " alpha" : " bravo");
        }
        return Json.createObjectBuilder()
                .add("contract", "agentqueue.chat.v1")
                .add("agent", agent)
                .add("payload", Json.createObjectBuilder().add("user_message", message.toString()))
                .build();
    }

    /** Returns the port named by a system property the build sets. */
    public static int port(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set; run the ITs through Maven");
        }
        return Integer.parseInt(value);
    }

    /** Returns a header of the last request whose user message was {@code userMessage}, if it had one. */
    public Optional<String> header(String userMessage, String name) {
        return Optional.ofNullable(headersByMessage.get(userMessage)).map(headers -> headers.getFirst(name));
    }

    /** Returns the chat calls answered with a completion so far, in the order they were answered. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Returns the most chat requests this server had in progress at the same time. */
    public int mostCallsAtOnce() {
        return mostInProgress.get();
    }

    /** Returns how many chat requests this server answered. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        mostInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        try (exchange) {
            answerChat(exchange, arrived);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private void answerChat(HttpExchange exchange, long arrived) throws IOException {
        requests.incrementAndGet();
        JsonObject request;
        try (var reader = Json.createReader(
                new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        }
        if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "invalid_api_key", "Incorrect API key provided");
            return;
        }
        if (!MODEL.equals(request.getString("model", ""))) {
            error(
                    exchange,
                    404,
                    "model_not_found",
                    "The model '" + request.getString("model", "") + "' does not exist");
            return;
        }
        String message = userMessage(request);
        headersByMessage.put(message, exchange.getRequestHeaders());
        int seen = requestsByMessage
                .computeIfAbsent(message, m -> new AtomicInteger())
                .incrementAndGet();
        Matcher marker = MARKER.matcher(message);
        if (marker.find()) {
            String fault = marker.group(1);
            long value = marker.group(2) == null ? 0 : Long.parseLong(marker.group(2));
            switch (fault) {
                case "429-once" -> {
                    if (seen == 1) {
                        exchange.getResponseHeaders().add("Retry-After", Long.toString(value));
                        error(exchange, 429, "rate_limit_exceeded", "Rate limit reached");
                        return;
                    }
                }
                case "500-once" -> {
                    if (seen == 1) {
                        error(exchange, 500, "server_error", "The server had an error");
                        return;
                    }
                }
                case "slow-once" -> {
                    if (seen == 1) {
                        pause(value);
                    }
                }
                case "slow" -> pause(value);
                case "ratelimit-low" -> {
                    Headers headers = exchange.getResponseHeaders();
                    headers.add("x-ratelimit-limit-requests", "100");
                    headers.add("x-ratelimit-remaining-requests", "0");
                    headers.add("x-ratelimit-reset-requests", value + "ms");
                }
                case "400" -> {
                    error(exchange, 400, "invalid_request_error", "Invalid request");
                    return;
                }
                case "403" -> {
                    error(exchange, 403, "permission_denied", "Not allowed");
                    return;
                }
                default -> {}
            }
        }
        calls.add(new Call(arrived, answer(exchange, request, message)));
    }

    /** Answers a completion and returns the tokens its usage reports. */
    private static int answer(HttpExchange exchange, JsonObject request, String message) throws IOException {
        String[] words = ("echo: " + message).split("\\s+");
        int most = request.getInt("max_tokens", request.getInt("max_completion_tokens", Integer.MAX_VALUE));
        String text = String.join(" ", Arrays.copyOf(words, Math.min(words.length, most)));
        int prompt = request.getJsonArray("messages").stream()
                .map(m -> m.asJsonObject().getString("content", ""))
                .mapToInt(FakeOpenAi::words)
                .sum();
        int completion = words(text);
        if (request.getBoolean("stream", false)) {
            stream(exchange, text, prompt, completion);
            return prompt + completion;
        }
        JsonObject body = Json.createObjectBuilder()
                .add("id", "chatcmpl-it")
                .add("object", "chat.completion")
                .add("created", System.currentTimeMillis() / 1000)
                .add("model", MODEL)
                .add(
                        "choices",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("index", 0)
                                        .add(
                                                "message",
                                                Json.createObjectBuilder()
                                                        .add("role", "assistant")
                                                        .add("content", text))
                                        .add("finish_reason", "stop")))
                .add(
                        "usage",
                        Json.createObjectBuilder()
                                .add("prompt_tokens", prompt)
                                .add("completion_tokens", completion)
                                .add("total_tokens", prompt + completion))
                .build();
        send(exchange, 200, body);
        return prompt + completion;
    }

    /**
     * Answers a {@code stream: true} request as OpenAI does: Server-Sent Events with one chunk per word, a last chunk
     * with the finish reason, one with the usage (the client asks for it with {@code stream_options}), then
     * {@code [DONE]}.
     */
    private static void stream(HttpExchange exchange, String text, int prompt, int completion) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            String piece = i == 0 ? words[i] : " " + words[i];
            chunk(body, Json.createObjectBuilder().add("content", piece), null, null);
        }
        chunk(body, Json.createObjectBuilder(), "stop", null);
        chunk(
                body,
                null,
                null,
                Json.createObjectBuilder()
                        .add("prompt_tokens", prompt)
                        .add("completion_tokens", completion)
                        .add("total_tokens", prompt + completion));
        body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static void chunk(OutputStream body, JsonObjectBuilder delta, String finishReason, JsonObjectBuilder usage)
            throws IOException {
        JsonArrayBuilder choices = Json.createArrayBuilder();
        if (delta != null) {
            JsonObjectBuilder choice =
                    Json.createObjectBuilder().add("index", 0).add("delta", delta);
            if (finishReason != null) {
                choice.add("finish_reason", finishReason);
            }
            choices.add(choice);
        }
        JsonObjectBuilder chunk = Json.createObjectBuilder()
                .add("id", "chatcmpl-it")
                .add("object", "chat.completion.chunk")
                .add("created", System.currentTimeMillis() / 1000)
                .add("model", MODEL)
                .add("choices", choices);
        if (usage != null) {
            chunk.add("usage", usage);
        }
        body.write(("data: " + chunk.build() + "\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    /** Returns the last user message of a chat request (OpenAI and Ollama send the same shape). */
    static String userMessage(JsonObject request) {
        String last = "";
        for (JsonValue m : request.getJsonArray("messages")) {
            JsonObject message = m.asJsonObject();
            if ("user".equals(message.getString("role", ""))
                    && message.get("content") instanceof jakarta.json.JsonString s) {
                last = s.getString();
            }
        }
        return last;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(
                exchange,
                status,
                Json.createObjectBuilder()
                        .add(
                                "error",
                                Json.createObjectBuilder()
                                        .add("message", message)
                                        .add("type", code)
                                        .add("code", code))
                        .build());
    }

    static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static int words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** Answers slowly, as an overloaded provider does; this is the behaviour under test, not a synchronisation. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
