package dev.agentqueue.reliability;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.ApiUser;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything one scenario runs against: its own Redis (one redis-server, or a {@link SentinelGroup}), its own WildFly
 * with agentqueue deployed, and the REST API as the run's admin user. Closing it stops every process by PID.
 */
final class Rig implements AutoCloseable {

    /** Starts the Redis of a scenario, with its data under the given directory. */
    interface RedisStarter {
        RedisService start(Path dir) throws IOException;
    }

    /** One redis-server on the port the build reserved, with a fresh data directory. */
    static final RedisStarter SINGLE_REDIS =
            dir -> RedisProcess.start(Settings.redisPort(), dir.resolve("redis-" + System.nanoTime()));

    final RedisService redis;
    final WildFlyServer server;
    final AgentQueueApi api;

    private Rig(RedisService redis, WildFlyServer server, AgentQueueApi api) {
        this.redis = redis;
        this.server = server;
        this.api = api;
    }

    /**
     * Starts Redis and a fresh server copy under {@code reliability.work.dir/<scenario>}, the server with the extra
     * {@code serverOptions} (system properties for standalone.sh), and waits until the API answers.
     */
    static Rig start(String scenario, List<String> serverOptions) throws IOException {
        return start(scenario, serverOptions, SINGLE_REDIS);
    }

    /** Starts a scenario like {@link #start(String, List)}, with the Redis {@code redisStarter} starts. */
    static Rig start(String scenario, List<String> serverOptions, RedisStarter redisStarter) throws IOException {
        Path dir = Settings.path("work.dir").resolve(scenario);
        Progress.say("=== %s (scale %s) in %s", scenario, Settings.scale(), dir);
        RedisService redis = redisStarter.start(dir);
        try {
            ApiUser user = AdminUser.generate();
            WildFlyServer server = WildFlyServer.prepare(dir, redis.url(), user, serverOptions);
            Rig rig = new Rig(redis, server, api(user));
            try {
                server.start(rig.api);
            } catch (IOException | RuntimeException | Error e) {
                rig.close();
                throw e;
            }
            return rig;
        } catch (IOException | RuntimeException | Error e) {
            redis.close();
            throw e;
        }
    }

    /**
     * Returns the suite's view of agentqueue: its REST API on the suite's port, called over loopback as {@code user}
     * the way an operator's tools would, with room for a server busy recovering.
     */
    static AgentQueueApi api(ApiUser user) {
        return api(Settings.httpPort(), user);
    }

    /** Returns the REST API of the node listening on {@code httpPort}, called as {@code user}. */
    static AgentQueueApi api(int httpPort, ApiUser user) {
        return AgentQueueApi.at(URI.create("http://127.0.0.1:" + httpPort + "/agentqueue/"), user)
                .withTimeout(Duration.ofMinutes(2));
    }

    /**
     * Returns the server options of a lost-message reconciler that passes every {@code interval} and counts a task
     * lost once it is overdue by {@code grace}: short, so a scenario need not wait minutes for it.
     */
    static String[] reconciling(Duration grace, Duration interval) {
        return new String[] {
            "-Dagentqueue.reconcile.grace=" + grace.toSeconds() + "s",
            "-Dagentqueue.reconcile.interval=" + interval.toSeconds() + "s"
        };
    }

    /**
     * Returns the server options of a reconciler like {@link #reconciling(Duration, Duration)} that browses the broker
     * only while the task queue holds at most {@code maxBrowseDepth} messages.
     */
    static String[] reconciling(Duration grace, Duration interval, long maxBrowseDepth) {
        return new String[] {
            "-Dagentqueue.reconcile.grace=" + grace.toSeconds() + "s",
            "-Dagentqueue.reconcile.interval=" + interval.toSeconds() + "s",
            "-Dagentqueue.reconcile.max-browse-depth=" + maxBrowseDepth
        };
    }

    /** Returns a flow step {@code name} that runs the diagnostic {@code count} job for {@code ms} after {@code after}. */
    static JsonObjectBuilder countStep(String name, long ms, String... after) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add(
                        "task",
                        job("count", Json.createObjectBuilder().add("ms", ms).build()))
                .add("after", Json.createArrayBuilder(List.of(after)));
    }

    /** Returns a job.v1 task request for a diagnostic job. */
    static JsonObject job(String type, JsonObject arguments) {
        return Json.createObjectBuilder()
                .add("contract", "agentqueue.job.v1")
                .add("payload", Json.createObjectBuilder().add("job_type", type).add("arguments", arguments))
                .build();
    }

    /**
     * Enqueues {@code count} copies of {@code task} with delivery paused, so that what follows acts on a known
     * backlog, then resumes delivery; returns the accepted ids in order.
     */
    List<String> enqueueBacklog(int count, JsonObject task) {
        server.pauseTaskQueue();
        List<String> ids = api.enqueueAll(Collections.nCopies(count, task));
        Progress.say("accepted %d tasks: %s", ids.size(), task);
        server.resumeTaskQueue();
        return ids;
    }

    /** Waits until the broker has acknowledged {@code count} task messages; returns the queue's counters then. */
    JsonObject awaitAcknowledged(long count) {
        return Deadline.await(
                count + " tasks to complete",
                Duration.ofMinutes(5),
                api::taskQueue,
                q -> q.getJsonNumber("messagesAcknowledged").longValue() >= count,
                q -> "acknowledged " + q.get("messagesAcknowledged"));
    }

    /** Waits until the task queue is empty and every one of {@code ids} is settled; returns their account. */
    TaskAccount settle(List<String> ids, Duration timeout) {
        return settle(api, ids, timeout);
    }

    /** Waits through {@code api} until the task queue is empty and every one of {@code ids} is settled. */
    static TaskAccount settle(AgentQueueApi api, List<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Deadline.await(
                "the task queue to drain",
                timeout,
                api::taskQueue,
                queue -> queue.getJsonNumber("depth").longValue() == 0,
                queue -> "depth " + queue.get("depth") + ", acknowledged " + queue.get("messagesAcknowledged")
                        + ", scheduled " + queue.get("scheduled"));
        TaskAccount account = Deadline.await(
                "every accepted task to settle",
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                () -> TaskAccount.of(ids, api.allTasks()),
                TaskAccount::settled,
                TaskAccount::summary);
        Progress.say("settled: %s", account.summary());
        return account;
    }

    /** Reads the records of {@code ids} back through the API and accounts for them. */
    TaskAccount read(List<String> ids) {
        Map<String, JsonObject> records = api.allTasks();
        return TaskAccount.of(ids, records);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            redis.close();
        }
    }
}
