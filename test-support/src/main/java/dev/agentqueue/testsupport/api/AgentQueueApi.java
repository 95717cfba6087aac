package dev.agentqueue.testsupport.api;

import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * agentqueue's REST API ({@code /api/v1}) as a caller sees it over HTTP, for tests, the reliability suite and the
 * benchmark: raw calls that answer a {@link Reply} whatever its status, and typed calls for what they all do
 * (enqueue, read tasks, the queues' counters, the dead-letter queue) that fail the test on an unexpected status.
 */
public final class AgentQueueApi {

    private static final int PRODUCER_THREADS = 8;
    private static final int IN_FLIGHT = 16;
    private static final int PAGE = 100;

    private final RestEndpoint rest;

    private AgentQueueApi(RestEndpoint rest) {
        this.rest = rest;
    }

    /** Returns the API of the application at {@code appUrl} (e.g. {@code http://host:port/agentqueue/}), as {@code user}. */
    public static AgentQueueApi at(URI appUrl, ApiUser user) {
        return new AgentQueueApi(RestEndpoint.at(appUrl.resolve("api/v1/"), user));
    }

    /** Returns this API called as {@code user}. */
    public AgentQueueApi as(ApiUser user) {
        return new AgentQueueApi(rest.as(user));
    }

    /** Returns this API called without credentials. */
    public AgentQueueApi anonymous() {
        return as(null);
    }

    /** Returns this API with a longer per-request timeout, for operations on thousands of messages. */
    public AgentQueueApi withTimeout(Duration timeout) {
        return new AgentQueueApi(rest.withTimeout(timeout));
    }

    /** Sends {@code GET path}, {@code path} relative to {@code /api/v1/}. */
    public Reply get(String path) {
        return rest.get(path);
    }

    /** Sends {@code POST path} with a body of the given type. */
    public Reply post(String path, String contentType, String body) {
        return rest.post(path, contentType, body);
    }

    /** Sends {@code POST path} with a JSON body. */
    public Reply postJson(String path, JsonValue body) {
        return rest.post(path, "application/json", body.toString());
    }

    /** Sends {@code PUT path} with a JSON body ({@code null}: none). */
    public Reply putJson(String path, JsonValue body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        return rest.request("PUT", path, "application/json", bytes, Map.of());
    }

    /** Sends {@code PUT path} with a body given as text, which need not be valid JSON (for tests of bad input). */
    public Reply putJsonText(String path, String body) {
        return rest.request("PUT", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Sends {@code DELETE path}. */
    public Reply delete(String path) {
        return rest.delete(path);
    }

    /** Sends {@code GET path} and reads its body line by line as it arrives; see {@link RestEndpoint#getLines}. */
    public HttpResponse<Stream<String>> getLines(String path, Map<String, String> headers) {
        return rest.getLines(path, headers);
    }

    /** Sends any request as given; see {@link RestEndpoint#request}. */
    public Reply request(String method, String rawPath, String contentType, byte[] body, Map<String, String> headers) {
        return rest.request(method, rawPath, contentType, body, headers);
    }

    /** Tells whether {@code GET /health} answers 200; false while the server is down or booting. */
    public boolean healthy() {
        return rest.answersOk("health");
    }

    /** Posts a task request to {@code POST /tasks} and returns the answer, whatever its status. */
    public Reply submit(JsonObject task) {
        return submit(task.toString());
    }

    /** Posts a task request, already written as JSON, and returns the answer, whatever its status. */
    public Reply submit(String taskJson) {
        return rest.post("tasks", "application/json", taskJson);
    }

    /** Posts a task request, already written as JSON, without waiting for the answer. */
    public CompletableFuture<Reply> submitAsync(String taskJson) {
        return rest.postAsync("tasks", "application/json", taskJson);
    }

    /** Posts task requests to {@code POST /tasks/batch} as one batch and returns the answer, whatever its status. */
    public Reply submitBatch(List<JsonObject> tasks) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        tasks.forEach(array::add);
        return postJson(
                "tasks/batch", Json.createObjectBuilder().add("tasks", array).build());
    }

    /** Enqueues a task and returns its id, failing the test unless the answer is 202. */
    public String enqueue(JsonObject task) {
        return accepted(submit(task));
    }

    /** Enqueues {@code count} copies of a task from 8 threads, as concurrent producers would, and returns their ids. */
    public List<String> enqueue(JsonObject task, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCER_THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> enqueue(task)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : futures) {
                ids.add(future.get());
            }
            return ids;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Enqueues every task, {@value #IN_FLIGHT} requests at a time, and returns their ids in order. */
    public List<String> enqueueAll(List<JsonObject> tasks) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<String>> ids = new ArrayList<>(tasks.size());
        for (JsonObject task : tasks) {
            slots.acquireUninterruptibly();
            ids.add(submitAsync(task.toString())
                    .whenComplete((reply, failure) -> slots.release())
                    .thenApply(AgentQueueApi::accepted));
        }
        return ids.stream().map(CompletableFuture::join).toList();
    }

    /** Reads a task, failing the test unless it exists. */
    public JsonObject task(String id) {
        return get("tasks/" + id).expect(200).json();
    }

    /** Reads a task; null when the API answers 404. */
    public JsonObject findTask(String id) {
        Reply reply = get("tasks/" + id);
        return reply.status() == 404 ? null : reply.expect(200).json();
    }

    /** Waits until a task is in {@code state}, failing the test when {@code timeout} passes first. */
    public JsonObject awaitState(String id, String state, Duration timeout) {
        return Deadline.await(
                "task " + id + " to be " + state, timeout, () -> task(id), t -> state.equals(t.getString("state")));
    }

    /**
     * Waits until a task is {@code DEAD_LETTER} and the dead-letter queue lists its letter, failing the test when
     * {@code timeout} passes first: the record says {@code DEAD_LETTER} a moment before the worker's transaction
     * commits the letter, so an operation on the letter right after {@link #awaitState} can find none.
     */
    public JsonObject awaitDeadLetter(String id, Duration timeout) {
        JsonObject dead = awaitState(id, "DEAD_LETTER", timeout);
        Deadline.await("the dead letter of task " + id, timeout, () -> inDeadLetterQueue(id), Boolean::booleanValue);
        return dead;
    }

    /** Tells whether {@code GET /dlq} lists task {@code id}'s letter, looking in its fingerprint's group if it has one. */
    public boolean inDeadLetterQueue(String id) {
        JsonObject task = task(id);
        String fingerprint =
                task.isNull("error") ? null : task.getJsonObject("error").getString("fingerprint", null);
        String path = "dlq?limit=" + PAGE
                + (fingerprint == null ? "" : "&fingerprint=" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8));
        JsonObject page = get(path).expect(200).json();
        while (true) {
            for (JsonValue item : page.getJsonArray("items")) {
                if (id.equals(item.asJsonObject().getString("taskId", null))) {
                    return true;
                }
            }
            if (page.isNull("nextCursor")) {
                return false;
            }
            page = get(path + "&cursor=" + URLEncoder.encode(page.getString("nextCursor"), StandardCharsets.UTF_8))
                    .expect(200)
                    .json();
        }
    }

    /** Reads every task record the server has, by id, through the paged list endpoint. */
    public Map<String, JsonObject> allTasks() {
        Map<String, JsonObject> tasks = new LinkedHashMap<>();
        String cursor = null;
        do {
            String path = "tasks?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonObject page = get(path).expect(200).json();
            page.getJsonArray("items").getValuesAs(JsonObject.class).forEach(t -> tasks.put(t.getString("id"), t));
            JsonValue next = page.get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL
                    ? null
                    : page.getString("nextCursor");
        } while (cursor != null);
        return tasks;
    }

    /** Returns {@code GET /queues}: the broker's counters of each queue and what the reconciler has done. */
    public JsonObject queues() {
        return get("queues").expect(200).json();
    }

    /** Returns the broker's counters of the task queue ({@code depth}, {@code messagesAcknowledged}, ...). */
    public JsonObject taskQueue() {
        return queues().getJsonObject("tasks");
    }

    /**
     * Waits for the task queue's count of added messages to pass {@code added} and returns it. The broker's count can
     * lag the delivery it counts, so a task can be done before its message is counted.
     */
    public long awaitMessagesAddedAbove(long added, Duration timeout) {
        return Deadline.await(
                "the task queue to count more than " + added + " messages",
                timeout,
                () -> taskQueue().getJsonNumber("messagesAdded").longValue(),
                count -> count > added);
    }

    /** Returns the broker's counters of the dead-letter queue. */
    public JsonObject deadLetterQueue() {
        return queues().getJsonObject("deadLetter");
    }

    /** Returns what the server's reconciler of lost messages has done ({@code recovered}, {@code passes}, ...). */
    public JsonObject reconciliation() {
        return queues().getJsonObject("reconciliation");
    }

    /** Returns the first page, up to {@code limit} entries, of the dead-letter queue as {@code GET /dlq} lists it. */
    public JsonObject deadLetters(int limit) {
        return get("dlq?limit=" + limit).expect(200).json();
    }

    /** Returns a limit scope ({@code agent:scribe}, ...) as {@code GET /limits} lists it; fails if it is not listed. */
    public JsonObject limitScope(String name) {
        return get("limits").expect(200).json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(scope -> scope.getString("scope").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("GET /limits does not list " + name));
    }

    private static String accepted(Reply reply) {
        if (reply.status() != 202) {
            throw new AssertionError("enqueue refused: " + reply);
        }
        return reply.taskId();
    }
}
