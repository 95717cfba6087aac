package dev.agentqueue.reconcile;

import dev.agentqueue.redis.RedisGateway;
import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskState;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the tasks overdue for their message in Redis, without scanning the key space: the per-state index sorted sets
 * are scored by when each task entered its state, so only entries older than the grace are read, oldest first.
 */
@ApplicationScoped
public class OverdueTasks {

    private static final List<TaskState> WATCHED = List.of(TaskState.QUEUED, TaskState.FAILED, TaskState.RUNNING);

    @Inject
    RedisGateway redis;

    /**
     * Returns up to {@code batch} tasks overdue by more than {@code grace} at {@code now}, reading at most
     * {@code scanLimit} index entries per state, and how many records it read.
     */
    public Scan find(long now, Duration grace, int batch, int scanLimit) {
        return redis.call(r -> scan(r, now, grace, batch, scanLimit));
    }

    /**
     * Returns how many tasks have been in a watched state for longer than {@code grace} at {@code now}: the candidates
     * a {@link #find} would read, counted by the indexes alone (one {@code ZCOUNT} each, no record read), so a pass
     * that will not look in the broker knows what it leaves for later at no cost that grows with them.
     */
    public long waitingLongerThan(long now, Duration grace) {
        Range<Double> entered = entered(now, grace);
        return redis.call(r -> {
            long waiting = 0;
            for (TaskState state : WATCHED) {
                waiting += r.zcount(RedisKeys.stateIndex(state.name()), entered);
            }
            return waiting;
        });
    }

    private static Range<Double> entered(long now, Duration grace) {
        return Range.create(Double.NEGATIVE_INFINITY, (double) (now - grace.toMillis()));
    }

    private static Scan scan(RedisCommands<String, String> r, long now, Duration grace, int batch, int scanLimit) {
        List<RecordedTask> overdue = new ArrayList<>();
        int checked = 0;
        Range<Double> entered = entered(now, grace);
        for (TaskState state : WATCHED) {
            String index = RedisKeys.stateIndex(state.name());
            for (ScoredValue<String> entry : r.zrangebyscoreWithScores(index, entered, Limit.create(0, scanLimit))) {
                if (overdue.size() >= batch) {
                    return new Scan(checked, overdue);
                }
                Map<String, String> hash = r.hgetall(RedisKeys.task(entry.getValue()));
                if (hash == null || hash.isEmpty()) {
                    r.zrem(index, entry.getValue()); // the record expired: drop its index entry
                    continue;
                }
                checked++;
                RecordedTask task = RecordedTask.of(hash, (long) entry.getScore());
                if (task.task().state() == state
                        && task.isOverdue(now, grace)
                        && !(task.mayBeProvisional()
                                && r.pttl(RedisKeys.task(task.task().id())) > 0)) {
                    overdue.add(task);
                }
            }
        }
        return new Scan(checked, overdue);
    }

    /** What one look at the indexes found: the records read and the overdue tasks among them. */
    public record Scan(int checked, List<RecordedTask> overdue) {}
}
