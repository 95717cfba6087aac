package dev.agentqueue.testsupport.api;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** The answer to one request, whatever its status. */
public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

    static Reply of(HttpResponse<String> response) {
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                response);
    }

    /** Returns the body parsed as a JSON object. */
    public JsonObject json() {
        return JsonBodies.object(body);
    }

    /** Returns a header's value, or null when the answer has none. */
    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    /**
     * Returns the id of the task an accepted enqueue created: the last segment of {@code Location}, read without
     * parsing the body (the benchmark calls this once per task), or else the body's {@code id}.
     */
    public String taskId() {
        String location = raw.headers().firstValue("Location").orElse("");
        String id = location.substring(location.lastIndexOf('/') + 1);
        return id.isEmpty() ? json().getString("id") : id;
    }

    /**
     * Returns this reply, failing the test unless its status is {@code expected}.
     *
     * @throws AssertionError naming the request and the answer otherwise
     */
    public Reply expect(int expected) {
        if (status != expected) {
            throw new AssertionError(
                    raw.request().method() + " " + raw.request().uri() + " answered " + this + ", not " + expected);
        }
        return this;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + body;
    }
}
