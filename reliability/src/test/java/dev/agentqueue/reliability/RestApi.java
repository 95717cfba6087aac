package dev.agentqueue.reliability;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The suite's view of agentqueue: its REST API, called over loopback as the run's admin user, the way an operator's
 * tools would. Enqueues in bulk with a bounded number of requests in flight, and reads every task back page by page.
 */
final class RestApi {

    private static final int IN_FLIGHT = 16;
    private static final int PAGE = 100;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String authorization;

    RestApi(int httpPort, ApiUser user) {
        this.base = URI.create("http://127.0.0.1:" + httpPort + "/agentqueue/api/v1/");
        this.authorization = user.basicAuthorization();
    }

    /** Tells whether {@code GET /health} answers 200; false while the server is down or booting. */
    boolean healthy() {
        try {
            return http.send(request("health").GET().build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Enqueues one task and returns its id; fails unless the answer is 202. */
    String enqueue(JsonObject task) {
        return accepted(post(task));
    }

    /** Posts one task and returns the answer, whatever its status; throws only when no answer came. */
    HttpResponse<String> post(JsonObject task) {
        return send(request("tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(task.toString())));
    }

    /** Returns the id of the task a 202 answer accepted. */
    static String taskId(HttpResponse<String> accepted) {
        return json(accepted.body()).getString("id");
    }

    /** Enqueues every task, {@value #IN_FLIGHT} requests at a time, and returns their ids in order. */
    List<String> enqueueAll(List<JsonObject> tasks) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<String>> replies = new ArrayList<>(tasks.size());
        for (JsonObject task : tasks) {
            slots.acquireUninterruptibly();
            HttpRequest post = request("tasks")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(task.toString()))
                    .build();
            replies.add(http.sendAsync(post, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((reply, failure) -> slots.release())
                    .thenApply(RestApi::accepted));
        }
        return replies.stream().map(CompletableFuture::join).toList();
    }

    /** Reads one task; empty when the API answers 404. */
    JsonObject task(String id) {
        HttpResponse<String> reply = send(request("tasks/" + id).GET());
        if (reply.statusCode() == 404) {
            return null;
        }
        return ok(reply);
    }

    /** Reads every task record the server has, by id, through the paged list endpoint. */
    Map<String, JsonObject> allTasks() {
        Map<String, JsonObject> tasks = new LinkedHashMap<>();
        String cursor = null;
        do {
            String path = "tasks?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonObject page = ok(send(request(path).GET()));
            page.getJsonArray("items").getValuesAs(JsonObject.class).forEach(t -> tasks.put(t.getString("id"), t));
            JsonValue next = page.get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL
                    ? null
                    : page.getString("nextCursor");
        } while (cursor != null);
        return tasks;
    }

    /** Returns the broker's counters of the task queue ({@code depth}, {@code messagesAcknowledged}, ...). */
    JsonObject taskQueue() {
        return ok(send(request("queues").GET())).getJsonObject("tasks");
    }

    /** Returns what the server's reconciler of lost messages has done ({@code recovered}, {@code passes}, ...). */
    JsonObject reconciliation() {
        return ok(send(request("queues").GET())).getJsonObject("reconciliation");
    }

    /** Returns the first page (up to 100) of the dead-letter queue as the admin API lists it. */
    JsonObject deadLetters() {
        return ok(send(request("dlq?limit=100").GET()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String accepted(HttpResponse<String> reply) {
        if (reply.statusCode() != 202) {
            throw new AssertionError("enqueue refused: " + reply.statusCode() + " " + reply.body());
        }
        return json(reply.body()).getString("id");
    }

    private static JsonObject ok(HttpResponse<String> reply) {
        if (reply.statusCode() != 200) {
            throw new AssertionError(reply.request().method() + " "
                    + reply.request().uri() + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return json(reply.body());
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
