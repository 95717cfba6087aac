package dev.agentqueue.task;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.support.PageCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists tasks from the Redis index sorted sets, newest first, never scanning the key space. The most selective index
 * given (state, then contract, then agent) drives the walk; the other filters are checked on each record. Ids whose
 * records have expired are removed from the index as they are met.
 */
@ApplicationScoped
public class TaskIndex {

    /** Most index entries read for one page; a page may come back short, with a cursor to go on. */
    static final int MAX_SCANNED = 2000;

    private static final int BATCH = 100;

    @Inject
    RedisGateway redis;

    /** Returns one page of tasks matching {@code query}. */
    public TaskPage list(TaskQuery query) {
        return redis.call(r -> page(r, query));
    }

    private TaskPage page(RedisCommands<String, String> r, TaskQuery query) {
        List<IndexWalk> walks = new ArrayList<>();
        if (query.state() != null) {
            walks.add(new IndexWalk(RedisKeys.stateIndex(query.state().name()), query.state(), query.after()));
        } else if (query.contract() != null) {
            walks.add(new IndexWalk(RedisKeys.contractIndex(query.contract()), null, query.after()));
        } else if (query.agent() != null) {
            walks.add(new IndexWalk(RedisKeys.agentIndex(query.agent()), null, query.after()));
        } else {
            for (TaskState state : TaskState.values()) {
                walks.add(new IndexWalk(RedisKeys.stateIndex(state.name()), state, query.after()));
            }
        }
        List<TaskSnapshot> tasks = new ArrayList<>();
        Entry last = null;
        int scanned = 0;
        while (tasks.size() < query.limit() && scanned < MAX_SCANNED) {
            IndexWalk next = null;
            for (IndexWalk walk : walks) {
                Entry head = walk.head(r);
                if (head != null && (next == null || head.isBefore(next.head(r)))) {
                    next = walk;
                }
            }
            if (next == null) {
                return new TaskPage(tasks, null);
            }
            last = next.take();
            scanned++;
            Map<String, String> hash = r.hgetall(RedisKeys.task(last.id));
            if (hash == null || hash.isEmpty()) {
                next.trim(r, last); // the record expired: drop its index entry
                continue;
            }
            TaskSnapshot task = TaskSnapshot.fromHash(hash);
            if (matches(task, query, next.state)) {
                tasks.add(task);
            }
        }
        boolean more = false;
        for (IndexWalk walk : walks) {
            more |= walk.head(r) != null;
        }
        return new TaskPage(tasks, more ? new PageCursor(last.score, last.id).encode() : null);
    }

    private static boolean matches(TaskSnapshot task, TaskQuery query, TaskState indexState) {
        return (indexState == null || task.state() == indexState)
                && (query.state() == null || task.state() == query.state())
                && (query.contract() == null || query.contract().equals(task.contract()))
                && (query.agent() == null || query.agent().equals(task.agent()));
    }

    /** An index entry: its score (a time) and task id. Later times come first; ties go by descending id. */
    private record Entry(long score, String id) {
        boolean isBefore(Entry other) {
            return score != other.score ? score > other.score : id.compareTo(other.id) > 0;
        }

        boolean isAfter(PageCursor cursor) {
            return score != cursor.position() ? score < cursor.position() : id.compareTo(cursor.id()) < 0;
        }
    }

    /** Walks one sorted set from the newest entry (or from just after a cursor) towards the oldest, in batches. */
    private static final class IndexWalk {
        final String key;
        final TaskState state;
        private final PageCursor after;
        private final List<Entry> buffer = new ArrayList<>();
        private long offset;
        private boolean exhausted;

        IndexWalk(String key, TaskState state, PageCursor after) {
            this.key = key;
            this.state = state;
            this.after = after;
        }

        Entry head(RedisCommands<String, String> r) {
            while (buffer.isEmpty() && !exhausted) {
                Range<Double> range = after == null
                        ? Range.unbounded()
                        : Range.create(Double.NEGATIVE_INFINITY, (double) after.position());
                List<ScoredValue<String>> batch = r.zrevrangebyscoreWithScores(key, range, Limit.create(offset, BATCH));
                offset += batch.size();
                exhausted = batch.size() < BATCH;
                for (ScoredValue<String> value : batch) {
                    Entry entry = new Entry((long) value.getScore(), value.getValue());
                    if (after == null || entry.isAfter(after)) {
                        buffer.add(entry);
                    }
                }
            }
            return buffer.isEmpty() ? null : buffer.get(0);
        }

        Entry take() {
            return buffer.remove(0);
        }

        /** Removes an entry already read from the index, keeping the walk's position right. */
        void trim(RedisCommands<String, String> r, Entry entry) {
            if (r.zrem(key, entry.id) > 0) {
                offset--;
            }
        }
    }
}
