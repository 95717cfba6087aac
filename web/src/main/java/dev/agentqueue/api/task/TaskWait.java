package dev.agentqueue.api.task;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.events.EventFeed;
import dev.agentqueue.events.TaskEvent;
import dev.agentqueue.events.TaskEvents;
import dev.agentqueue.support.Durations;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A long poll of one task ({@code GET /tasks/{id}?wait=}): answers as soon as the task settles, or with its state
 * when the wait is over. It waits on the task's event stream through a dedicated connection, holding no request
 * thread meanwhile; the stream's position is taken before the record is read, so a task that settles in between is
 * never missed.
 */
final class TaskWait {

    /** The longest wait a caller may ask for. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final TaskStore store;
    private final Executor executor;
    private final AsyncResponse response;
    private final String taskId;
    private final long deadline;

    private TaskWait(TaskStore store, Executor executor, AsyncResponse response, String taskId, Duration wait) {
        this.store = store;
        this.executor = executor;
        this.response = response;
        this.taskId = taskId;
        this.deadline = System.nanoTime() + wait.toNanos();
    }

    /** Reads a {@code wait} query value: a duration such as {@code 30s} or {@code 500ms}, from 0 to {@link #MAX_WAIT}. */
    static Duration parse(String value) {
        try {
            Duration wait = Durations.parse(value);
            if (!wait.isNegative() && wait.compareTo(MAX_WAIT) <= 0) {
                return wait;
            }
        } catch (RuntimeException e) {
            // Not a duration (or an ISO one out of range): answered below.
        }
        throw ApiException.badRequest(
                "wait", "wait must be a duration from 0 to " + MAX_WAIT.toSeconds() + "s, such as 30s or 500ms");
    }

    /** Answers {@code response} with the task once it settles or {@code wait} is over; 404 when it is unknown. */
    static void answer(
            TaskStore store, TaskEvents events, Executor executor, AsyncResponse response, String id, Duration wait) {
        String after = events.latestId(id);
        TaskSnapshot task = store.find(id).orElseThrow(() -> ApiException.notFound("No task " + id));
        if (task.state().isSettled() || wait.isZero()) {
            response.resume(JsonRecords.write(TaskView.of(task)));
            return;
        }
        // Past the wait by a margin, so it is this class that answers, never the container's timeout.
        response.setTimeout(wait.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        new TaskWait(store, executor, response, id, wait).read(events.follow(id, after));
    }

    private void read(EventFeed feed) {
        long left = deadline - System.nanoTime();
        feed.next(Duration.ofNanos(Math.max(left, 1_000_000)))
                .whenCompleteAsync(
                        (batch, failure) -> {
                            try {
                                if (failure != null) {
                                    throw unwrap(failure);
                                }
                                handle(feed, batch);
                            } catch (RuntimeException e) {
                                feed.close();
                                response.resume(e);
                            }
                        },
                        executor);
    }

    private void handle(EventFeed feed, List<TaskEvent> batch) {
        boolean over = deadline - System.nanoTime() <= 0;
        if (!over && batch.stream().noneMatch(TaskEvent::settles)) {
            read(feed);
            return;
        }
        TaskSnapshot task = store.find(taskId).orElse(null);
        if (task != null && !task.state().isSettled() && !over) {
            read(feed);
            return;
        }
        feed.close();
        response.resume(
                task == null ? ApiException.notFound("No task " + taskId) : JsonRecords.write(TaskView.of(task)));
    }

    /** Returns the failure behind a completion's wrapper (a Redis failure is a {@code StoreUnavailableException}). */
    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
