package dev.agentqueue.bench;

import dev.agentqueue.redis.RedisKeys;
import dev.agentqueue.task.TaskFields;
import dev.agentqueue.task.TaskState;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Reads agentqueue's task records in Redis, where the product itself writes them: completion counts (the per-state
 * index), each task's timestamps, and the server's memory. Every figure the client reports about tasks comes from
 * these records, so enqueue and completion times are on the server's clock.
 */
final class TaskRecords implements AutoCloseable {

    /** One task's record: its state, attempt and epoch-millisecond timestamps (0 when absent). */
    record Task(String id, String state, int attempt, long createdAt, long startedAt, long finishedAt) {}

    private static final int BATCH = 2_000;
    private static final long POLL_MILLIS = 100;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    TaskRecords(String redisUrl) {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
        redis = connection.sync();
    }

    /** Returns the number of tasks in the COMPLETED index. */
    long completed() {
        return redis.zcard(RedisKeys.stateIndex(TaskState.COMPLETED.name()));
    }

    /** Returns the number of tasks in the DEAD_LETTER index. */
    long deadLettered() {
        return redis.zcard(RedisKeys.stateIndex(TaskState.DEAD_LETTER.name()));
    }

    /** Returns Redis' {@code used_memory} in bytes. */
    long usedMemory() {
        return Long.parseLong(info("memory", "used_memory"));
    }

    /** Returns the CPU time (user + system) the Redis server has used so far, in seconds. */
    double cpuSeconds() {
        return Double.parseDouble(info("cpu", "used_cpu_user")) + Double.parseDouble(info("cpu", "used_cpu_sys"));
    }

    /** Returns the Redis server version. */
    String version() {
        return info("server", "redis_version");
    }

    /** Empties the benchmark's own Redis (only ever used on the server {@code bench/run} started). */
    void flushAll() {
        redis.flushall();
    }

    /**
     * Waits until every one of {@code ids} is COMPLETED and returns their records. The cheap index count is polled
     * first; the records are then read once and the stragglers polled until {@code timeout}. Fails when the deadline
     * passes or a task ends in DEAD_LETTER.
     */
    List<Task> awaitCompleted(List<String> ids, long completedBefore, Duration timeout, LongConsumer progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long deadBefore = deadLettered();
        long done;
        while ((done = completed() - completedBefore) < ids.size()) {
            progress.accept(done);
            if (deadLettered() > deadBefore) {
                throw new IllegalStateException("tasks were dead-lettered during the workload");
            }
            pauseUntil(deadline, "waiting for " + ids.size() + " tasks to complete; " + done + " done");
        }
        progress.accept(ids.size());
        List<Task> tasks = read(ids);
        while (tasks.stream().anyMatch(t -> !TaskState.COMPLETED.name().equals(t.state()))) {
            pauseUntil(deadline, "waiting for the last tasks to complete");
            tasks = read(ids);
        }
        return tasks;
    }

    /**
     * Waits until Redis holds no task event stream: a settled task's stream expires a while after it settled (a minute
     * by default), so once the stream of {@code lastSettledId}, the task that settled last, is gone, the others are
     * past their expiry too. Each look after that is a full SCAN, which also reclaims the streams Redis has not yet
     * expired by itself, so the memory read afterwards is what the task records alone keep.
     */
    void awaitEventStreamsExpired(String lastSettledId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (redis.exists(RedisKeys.taskEvents(lastSettledId)) > 0) {
            pauseUntil(deadline, "waiting for the last settled task's event stream to expire");
        }
        long left;
        while ((left = eventStreams()) > 0) {
            pauseUntil(deadline, "waiting for " + left + " task event streams to expire");
        }
    }

    private long eventStreams() {
        ScanArgs args = ScanArgs.Builder.matches(RedisKeys.taskEvents("*")).limit(10_000);
        KeyScanCursor<String> cursor = redis.scan(args);
        long count = cursor.getKeys().size();
        while (!cursor.isFinished()) {
            cursor = redis.scan(cursor, args);
            count += cursor.getKeys().size();
        }
        return count;
    }

    /** Reads the records of {@code ids}, pipelined. */
    List<Task> read(List<String> ids) {
        List<Task> tasks = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<RedisFuture<List<KeyValue<String, String>>>> replies = new ArrayList<>(batch.size());
            for (String id : batch) {
                replies.add(connection
                        .async()
                        .hmget(
                                RedisKeys.task(id),
                                TaskFields.STATE,
                                TaskFields.ATTEMPT,
                                TaskFields.CREATED_AT,
                                TaskFields.STARTED_AT,
                                TaskFields.FINISHED_AT));
            }
            if (!LettuceFutures.awaitAll(1, TimeUnit.MINUTES, replies.toArray(new RedisFuture<?>[0]))) {
                throw new IllegalStateException("Redis did not answer within a minute");
            }
            for (int i = 0; i < batch.size(); i++) {
                List<KeyValue<String, String>> fields =
                        replies.get(i).toCompletableFuture().join();
                tasks.add(new Task(
                        batch.get(i),
                        fields.get(0).getValueOrElse(null),
                        (int) number(fields.get(1)),
                        number(fields.get(2)),
                        number(fields.get(3)),
                        number(fields.get(4))));
            }
        }
        return tasks;
    }

    private String info(String section, String field) {
        return redis.info(section)
                .lines()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).trim())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("INFO " + section + " has no " + field));
    }

    private static long number(KeyValue<String, String> field) {
        return field.hasValue() ? Long.parseLong(field.getValue()) : 0;
    }

    private static void pauseUntil(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out " + what);
        }
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // the interval of a deadline-bounded poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted " + what, e);
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
