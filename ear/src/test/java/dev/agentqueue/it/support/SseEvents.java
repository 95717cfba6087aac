package dev.agentqueue.it.support;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Reads a Server-Sent Events stream as a listener does, line by line as the body arrives over a real HTTP connection,
 * until the server ends it: each event's id, name and data; comments are skipped.
 */
public final class SseEvents {

    /** One event as received. */
    public record Event(String id, String name, String data) {

        /** Returns the event's data as a JSON object. */
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(data))) {
                return reader.readObject();
            }
        }
    }

    private SseEvents() {}

    /**
     * Opens {@code path} (resuming after {@code lastEventId} unless null) and returns every event until the server
     * ends the stream; fails when it has not ended within {@code timeout}.
     */
    public static List<Event> readUntilEnd(AgentQueueApi api, String path, String lastEventId, Duration timeout) {
        Map<String, String> headers = lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId);
        HttpResponse<Stream<String>> response = api.getLines(path, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode());
        }
        CompletableFuture<List<Event>> events = CompletableFuture.supplyAsync(() -> parse(response.body()));
        try {
            return events.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.body().close();
            throw new AssertionError("The event stream of " + path + " did not end within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("Reading " + path + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Parses the lines of an event stream into its events (one {@code data} line per event is all we send). */
    static List<Event> parse(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        String[] current = new String[3];
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (current[2] != null) {
                        events.add(new Event(current[0], current[1], current[2]));
                    }
                    current[0] = null;
                    current[1] = null;
                    current[2] = null;
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    current[2] = current[2] == null ? line.substring(5).trim() : current[2] + "\n" + line.substring(5);
                }
            });
        }
        return events;
    }
}
