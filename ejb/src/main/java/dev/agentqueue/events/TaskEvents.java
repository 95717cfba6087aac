package dev.agentqueue.events;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The live events of tasks, as any node reads them: each task has one short-lived Redis stream, written by the task
 * store with every transition, progress report and piece of output, and trimmed and expired by it.
 */
@ApplicationScoped
public class TaskEvents {

    /** The position before a stream's first entry. */
    public static final String START = "0-0";

    @Inject
    RedisGateway redis;

    @Inject
    EventReaders readers;

    /**
     * Opens a feed of a task's events after the event {@code after} ({@link #START} for all those kept), on a
     * dedicated connection that closing the feed gives back.
     *
     * @throws EventReadersBusyException when every reader is in use
     */
    public EventFeed follow(String taskId, String after) {
        return new EventFeed(readers, taskId, after);
    }

    /** Returns the id of a task's latest event, or {@link #START} when its stream is empty or gone. */
    public String latestId(String taskId) {
        List<StreamMessage<String, String>> last =
                redis.call(r -> r.xrevrange(RedisKeys.taskEvents(taskId), Range.unbounded(), Limit.from(1)));
        return last.isEmpty() ? START : last.get(0).getId();
    }
}
