package dev.agentqueue.bench;

import dev.agentqueue.testsupport.api.JsonBodies;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.api.RestEndpoint;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;

/**
 * The probe WAR deployed next to the EAR ({@code /agentqueue-bench/}), as the client calls it over HTTP: the raw-JMS
 * ceiling, the in-server EJB enqueue loop, the heap and the workers' pause and resume.
 */
final class Probe {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final RestEndpoint rest;

    /** Creates a client for the probe on the server at {@code baseUrl}, e.g. {@code http://127.0.0.1:8980/}. */
    Probe(URI baseUrl) {
        this.rest = RestEndpoint.at(baseUrl.resolve("/agentqueue-bench/"), null).withTimeout(TIMEOUT);
    }

    /** Calls a probe endpoint with POST and returns its JSON answer (or an empty object). */
    JsonObject post(String pathAndQuery, String body) {
        return ok(pathAndQuery, rest.post(pathAndQuery, "application/json", body));
    }

    /** Calls a probe endpoint with GET and returns its JSON answer. */
    JsonObject get(String path) {
        return ok(path, rest.get(path));
    }

    private JsonObject ok(String path, Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException(reply.raw().request().method() + " " + rest.uri(path) + " answered "
                    + reply.status() + ": " + reply.body());
        }
        return JsonBodies.object(reply.body());
    }
}
