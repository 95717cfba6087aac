package dev.agentqueue.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The benchmark server as the client sees it over HTTP: agentqueue's REST API (with HTTP Basic credentials when
 * given) and the probe WAR deployed next to it.
 */
final class Server {

    /** The answer to a REST enqueue: the task id, or null with the status when it was refused. */
    record Enqueued(String id, int status, String body) {}

    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(30);

    private final HttpClient http;
    private final URI api;
    private final URI probe;
    private final String authorization;

    /** Creates a client for the server at {@code baseUrl}, e.g. {@code http://127.0.0.1:8980/}. */
    Server(URI baseUrl, String user, String password) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.api = baseUrl.resolve("/agentqueue/api/v1/");
        this.probe = baseUrl.resolve("/agentqueue-bench/");
        this.authorization = user == null || user.isEmpty()
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((user + ":" + (password == null ? "" : password))
                                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Builds the body of {@code POST /tasks} for a job.v1 task with the given payload. */
    static String taskBody(String payload) {
        return "{\"contract\":\"agentqueue.job.v1\",\"payload\":" + payload + "}";
    }

    /** Enqueues one task over REST and waits for the answer. */
    Enqueued enqueue(String payload) {
        try {
            return enqueued(http.send(enqueueRequest(payload), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + api + "tasks failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Enqueues one task over REST without waiting. */
    CompletableFuture<Enqueued> enqueueAsync(String payload) {
        return http.sendAsync(enqueueRequest(payload), HttpResponse.BodyHandlers.ofString())
                .thenApply(Server::enqueued);
    }

    /** Calls a probe endpoint with POST and returns its JSON answer (or an empty object). */
    JsonObject probePost(String pathAndQuery, String body) {
        return json(call(HttpRequest.newBuilder(probe.resolve(pathAndQuery))
                .timeout(PROBE_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** Calls a probe endpoint with GET and returns its JSON answer. */
    JsonObject probeGet(String path) {
        return json(call(HttpRequest.newBuilder(probe.resolve(path)).GET()));
    }

    private HttpRequest enqueueRequest(String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("tasks"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(taskBody(payload)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static Enqueued enqueued(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            return new Enqueued(null, response.statusCode(), response.body());
        }
        String location = response.headers().firstValue("Location").orElse("");
        String id = location.substring(location.lastIndexOf('/') + 1);
        return new Enqueued(id.isEmpty() ? json(response.body()).getString("id") : id, 202, null);
    }

    private String call(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonObject json(String body) {
        if (body == null || body.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
