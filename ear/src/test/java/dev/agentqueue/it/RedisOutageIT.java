package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.it.support.ItRedis;
import dev.agentqueue.it.support.ItRedis.Stop;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Settlement;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.redis.StoreUnavailableException;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reliability scenario 3: the real IT Redis goes down while tasks run (kill -9, or SHUTDOWN) and comes back on its
 * own append-only file. Meanwhile enqueue is refused without leaving anything behind and workers defer instead of
 * losing results; afterwards every accepted task completes, once. Each run logs a {@code RELIABILITY scenario=3}
 * line with its figures for docs/RELIABILITY.md.
 */
@ExtendWith(ArquillianExtension.class)
class RedisOutageIT {

    private static final Logger LOG = Logger.getLogger(RedisOutageIT.class.getName());
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** Long enough that the batch is still running when Redis goes down, short enough to keep the IT brief. */
    private static final long TASK_MS = 300;

    private static final int REFUSED_ENQUEUES = 5;

    @Inject
    TaskQueue queue;

    @Inject
    BrokerManagement broker;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith(ItRedis.class, Settlement.class, Jobs.class);
    }

    @Test
    @RunAsClient
    void tasksAcceptedBeforeRedisIsKilledAllCompleteOnceAfterItComesBack() {
        outage(Stop.KILL, 300);
    }

    @Test
    @RunAsClient
    void tasksAcceptedBeforeRedisShutsDownAllCompleteOnceAfterItComesBack() {
        outage(Stop.SHUTDOWN, 150);
    }

    @Test
    void theEjbEnqueueThrowsStoreUnavailableAndSendsNothingWhileRedisIsDown() {
        ItRedis redis = ItRedis.fromSystemProperties();
        long added = broker.taskQueue().messagesAdded();
        redis.stop(Stop.KILL);
        try {
            assertThatThrownBy(() -> queue.enqueue(TaskRequest.builder("agentqueue.job.v1")
                            .payload("{\"job_type\":\"echo\",\"arguments\":{}}")
                            .build()))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(broker.taskQueue().messagesAdded()).isEqualTo(added);
        } finally {
            redis.resume();
        }
        String id = Deadline.await(
                        "the EJB enqueue to work again", SETTLE, this::tryEnqueue, receipt -> receipt != null)
                .id();
        assertThat(id).isNotBlank();
    }

    private TaskReceipt tryEnqueue() {
        try {
            return queue.enqueue(TaskRequest.builder("agentqueue.job.v1")
                    .payload("{\"job_type\":\"echo\",\"arguments\":{}}")
                    .build());
        } catch (StoreUnavailableException e) {
            return null; // the client has not reconnected yet
        }
    }

    private void outage(Stop how, int tasks) {
        AgentQueueApi api = Deployments.api();
        ItRedis redis = ItRedis.fromSystemProperties();
        List<String> ids = api.enqueue(sleep(TASK_MS).build(), tasks);
        long addedBefore = api.taskQueue().getJsonNumber("messagesAdded").longValue();

        redis.stop(how);
        Instant back;
        List<String> refusedKeys = new ArrayList<>();
        try {
            for (int i = 0; i < REFUSED_ENQUEUES; i++) {
                String key = "outage-" + UUID.randomUUID();
                Reply reply = api.postJson(
                        "tasks", sleep(1).add("idempotencyKey", key).build());
                assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.header("Retry-After")).isNotBlank();
                refusedKeys.add(key);
            }
            Reply health = api.get("health");
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.json().getJsonObject("redis").getString("status")).isEqualTo("DOWN");
            // Workers that meet the outage re-send their message for later: the broker counts those sends.
            Deadline.await(
                    "workers to defer tasks during the outage",
                    Duration.ofSeconds(60),
                    () -> api.taskQueue().getJsonNumber("messagesAdded").longValue() - addedBefore,
                    deferred -> deferred >= 8);
        } finally {
            redis.resume();
            back = Instant.now();
        }
        Deadline.await(
                "the API to reach Redis again", SETTLE, () -> api.get("health").status(), s -> s == 200);
        Duration reconnect = Duration.between(back, Instant.now());

        Settlement settled = Settlement.await(api, ids, SETTLE);
        Duration recovery = Duration.between(back, settled.lastSettledAt());
        long deferred = api.taskQueue().getJsonNumber("messagesAdded").longValue() - addedBefore;
        LOG.info(() -> "RELIABILITY scenario=3 stop=" + how + " " + settled.figures() + " refused503="
                + REFUSED_ENQUEUES + " deferredSends=" + deferred + " reconnectMs=" + reconnect.toMillis()
                + " recoverMs="
                + Math.max(0, recovery.toMillis()));

        assertThat(settled.count("COMPLETED")).as(settled.figures()).isEqualTo(tasks);
        assertThat(settled.duplicates()).as(settled.figures()).isZero();
        for (JsonObject task : settled.records()) {
            assertThat(task.getJsonObject("result").getInt("slept_ms")).isEqualTo((int) TASK_MS);
        }
        // A refused enqueue left no record and no message behind: its idempotency key is still free.
        for (String key : refusedKeys) {
            Reply reply =
                    api.postJson("tasks", sleep(1).add("idempotencyKey", key).build());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
            assertThat(reply.header("Idempotent-Replayed")).isNull();
        }
    }
}
