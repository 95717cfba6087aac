package dev.agentqueue.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the REST API, used by client-side integration tests as a real caller would. */
public final class ApiClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** Creates a client for the API under the application URL, e.g. {@code http://host:port/agentqueue/}. */
    public ApiClient(URI appUrl) {
        this.base = appUrl.resolve("api/v1/");
    }

    /** The answer to one request. */
    public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

        /** Returns the body parsed as a JSON object. */
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /** Returns a header's value, if present. */
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply postJson(String path, JsonValue body) {
        return post(path, "application/json", body.toString());
    }

    /** Enqueues a task and returns its id, failing the test unless the answer is 202. */
    public String enqueue(JsonObject request) {
        Reply reply = postJson("tasks", request);
        if (reply.status() != 202) {
            throw new AssertionError("enqueue refused: " + reply);
        }
        return reply.json().getString("id");
    }

    /** Reads a task, failing the test unless it exists. */
    public JsonObject task(String id) {
        Reply reply = get("tasks/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("cannot read task " + id + ": " + reply);
        }
        return reply.json();
    }

    /** Returns the broker counters of the task queue. */
    public JsonObject taskQueue() {
        return get("queues").json().getJsonObject("tasks");
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
