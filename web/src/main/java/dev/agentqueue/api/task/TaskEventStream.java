package dev.agentqueue.api.task;

import dev.agentqueue.events.EventFeed;
import dev.agentqueue.events.TaskEvent;
import dev.agentqueue.events.TaskEvents;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one task's events to one SSE listener until the task settles or the listener goes: each read of the task's
 * stream waits on a dedicated connection without holding a thread, and its events are sent on {@code executor}. The
 * stream's entry id is each event's SSE id, so a listener that reconnects with {@code Last-Event-ID} resumes after
 * it. After a read without events the listener gets a comment, which also finds out whether it is still there.
 */
final class TaskEventStream {

    private static final Logger LOG = Logger.getLogger(TaskEventStream.class.getName());

    /** Longest a listener goes without hearing from the server (reads block less): a comment follows an empty read. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final TaskStore store;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor executor;
    private final String taskId;

    TaskEventStream(TaskStore store, SseEventSink sink, Sse sse, Executor executor, String taskId) {
        this.store = store;
        this.sink = sink;
        this.sse = sse;
        this.executor = executor;
        this.taskId = taskId;
    }

    /**
     * Starts sending the events after {@code after} of a task recorded as {@code task}; a task that settled with
     * nothing left to send gets its final state (when its stream is gone), or no stream at all ({@code 204}, which
     * tells an {@code EventSource} not to reconnect), and the end at once.
     */
    void start(TaskEvents events, TaskSnapshot task, String after) {
        if (task.state().isSettled()) {
            String latest = events.latestId(taskId);
            if (latest.equals(TaskEvents.START)) {
                send(List.of(finalState(task))).whenComplete((sent, failure) -> sink.close());
                return;
            }
            if (TaskEvent.compareIds(latest, after) <= 0) {
                sink.close();
                return;
            }
        }
        read(events.follow(taskId, after));
    }

    private void read(EventFeed feed) {
        if (sink.isClosed()) {
            feed.close();
            return;
        }
        feed.next(KEEP_ALIVE)
                .thenComposeAsync(
                        batch -> batch.isEmpty()
                                ? sink.send(sse.newEventBuilder()
                                                .comment("waiting")
                                                .build())
                                        .thenApply(sent -> !settled())
                                : send(batch)
                                        .thenApply(sent ->
                                                !(batch.get(batch.size() - 1).settles() && settled())),
                        executor)
                .whenCompleteAsync(
                        (more, failure) -> {
                            if (failure == null && more) {
                                read(feed);
                                return;
                            }
                            if (failure != null) {
                                // A listener that left, or Redis gone: the listener resumes with Last-Event-ID.
                                LOG.log(Level.FINE, "Event stream of Task(id=" + taskId + ") ended", failure);
                            }
                            feed.close();
                            sink.close();
                        },
                        executor);
    }

    private CompletableFuture<?> send(List<TaskEvent> batch) {
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        for (TaskEvent event : batch) {
            OutboundSseEvent.Builder builder =
                    sse.newEventBuilder().name(event.type()).data(event.data());
            if (event.id() != null) {
                builder.id(event.id());
            }
            last = sink.send(builder.build()).toCompletableFuture();
        }
        return last;
    }

    /** Tells whether the task settled (or its record is gone), so its stream ends. */
    private boolean settled() {
        return store.find(taskId).map(task -> task.state().isSettled()).orElse(true);
    }

    /** The state event of a settled task whose stream has expired: no id, as there is nothing to resume after. */
    private static TaskEvent finalState(TaskSnapshot task) {
        return new TaskEvent(
                null,
                TaskEvent.STATE,
                JsonRecords.write(new FinalState(task.state().name(), task.attempt(), true)));
    }

    /** The data of {@link #finalState}. */
    private record FinalState(String state, int attempt, boolean settled) {}
}
