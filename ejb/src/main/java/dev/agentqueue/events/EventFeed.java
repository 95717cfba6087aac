package dev.agentqueue.events;

import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.redis.StoreUnavailableException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One listener's place in a task's event stream, read on a dedicated connection: each {@link #next} waits for the
 * events after the last one it returned. Not for concurrent use: a listener reads again once a read has answered.
 * Closing it gives the connection back.
 */
public final class EventFeed implements AutoCloseable {

    /** Most events one read returns. */
    static final int BATCH = 100;

    private final EventReaders readers;
    private final StatefulRedisConnection<String, String> connection;
    private final String key;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String position;

    EventFeed(EventReaders readers, String taskId, String after) {
        this.readers = readers;
        this.connection = readers.lend();
        this.key = RedisKeys.taskEvents(taskId);
        this.position = after;
    }

    /**
     * Returns the events after the last one read (after the start position at first), waiting at most
     * {@code wait} (and at most the readers' block time) for the first; an empty list when none came.
     */
    public CompletionStage<List<TaskEvent>> next(Duration wait) {
        long block = Math.max(1, Math.min(wait.toMillis(), readers.block().toMillis()));
        return connection
                .async()
                .xread(XReadArgs.Builder.block(block).count(BATCH), XReadArgs.StreamOffset.from(key, position))
                .handle((messages, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(new StoreUnavailableException(
                                "Redis is unavailable: " + failure.getMessage(), failure));
                    }
                    List<TaskEvent> events = messages == null
                            ? List.of()
                            : messages.stream().map(EventFeed::event).toList();
                    if (!events.isEmpty()) {
                        position = events.get(events.size() - 1).id();
                    }
                    return events;
                });
    }

    /** Returns the id of the last event read, or the start position. */
    public String position() {
        return position;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            readers.giveBack(connection);
        }
    }

    private static TaskEvent event(StreamMessage<String, String> message) {
        return new TaskEvent(
                message.getId(),
                message.getBody().get("type"),
                message.getBody().get("data"));
    }
}
