package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.TaskIndex;
import dev.agentqueue.task.TaskQuery;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 8 of the reliability suite, the enqueue half ({@link RedriveLoadIT} races redrives with workers): the
 * same idempotency key from 16 callers at once, through the EJB and through REST, makes exactly one task record and
 * one message that runs once, and every caller is told the same task id.
 */
@ExtendWith(ArquillianExtension.class)
class DuplicateEnqueueIT {

    private static final Logger LOG = Logger.getLogger(DuplicateEnqueueIT.class.getName());
    private static final int CALLERS = 16;
    private static final int ROUNDS = 10;
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Inject
    TaskIndex index;

    @Inject
    BrokerManagement broker;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith(Role.class, Jobs.class);
    }

    @Test
    void sixteenConcurrentEjbEnqueuesWithOneKeyMakeOneTaskThatRunsOnce() throws Exception {
        int duplicates = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String key = "race-ejb-" + UUID.randomUUID();
            long added = broker.taskQueue().messagesAdded();

            List<TaskReceipt> receipts = concurrently(() -> queue.enqueue(TaskRequest.builder(Jobs.CONTRACT)
                    .payload("{\"job_type\":\"echo\",\"arguments\":{\"key\":\"" + key + "\"}}")
                    .idempotencyKey(key)
                    .build()));

            Set<String> ids = receipts.stream().map(TaskReceipt::id).collect(Collectors.toSet());
            assertThat(ids).as("task ids told to the callers").hasSize(1);
            assertThat(receipts.stream().filter(r -> !r.duplicate()))
                    .as("first enqueues")
                    .hasSize(1);
            String id = ids.iterator().next();
            TaskSnapshot task = Deadline.await(
                            "task " + id + " to settle",
                            SETTLE,
                            () -> store.find(id),
                            t -> t.isPresent() && t.get().state().isSettled())
                    .orElseThrow();
            assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(task.history()).as("attempts run").hasSize(1);
            assertThat(broker.taskQueue().messagesAdded() - added)
                    .as("messages sent")
                    .isEqualTo(1);
            List<TaskSnapshot> records =
                    index.list(new TaskQuery(null, Jobs.CONTRACT, null, TaskQuery.MAX_LIMIT, null)).tasks().stream()
                            .filter(t -> key.equals(t.idempotencyKey()))
                            .toList();
            assertThat(records).as("records with the key").hasSize(1);
            duplicates += records.size() - 1;
        }
        LOG.info("RELIABILITY scenario=8 duplicate-enqueue via=EJB rounds=" + ROUNDS + " callersPerRound=" + CALLERS
                + " calls=" + ROUNDS * CALLERS + " tasks=" + ROUNDS + " messages=" + ROUNDS + " duplicates="
                + duplicates);
    }

    @Test
    @RunAsClient
    void sixteenConcurrentRestEnqueuesWithOneKeyMakeOneTaskThatRunsOnce() throws Exception {
        AgentQueueApi api = Deployments.api();
        int duplicates = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String key = "race-rest-" + UUID.randomUUID();
            long added = api.taskQueue().getJsonNumber("messagesAdded").longValue();
            JsonObject request =
                    Jobs.echo(Json.createObjectBuilder().add("key", key)).build();
            int[] caller = {0};

            // Half the callers send the key as the Idempotency-Key header, half in the body.
            List<Reply> replies = concurrently(() -> {
                boolean inHeader;
                synchronized (caller) {
                    inHeader = caller[0]++ % 2 == 0;
                }
                return inHeader
                        ? api.request(
                                "POST",
                                "tasks",
                                "application/json",
                                request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                java.util.Map.of("Idempotency-Key", key))
                        : api.postJson(
                                "tasks",
                                Json.createObjectBuilder(request)
                                        .add("idempotencyKey", key)
                                        .build());
            });

            assertThat(replies)
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202));
            Set<String> ids =
                    replies.stream().map(r -> r.json().getString("id")).collect(Collectors.toSet());
            assertThat(ids).as("task ids told to the callers").hasSize(1);
            assertThat(replies.stream().filter(r -> r.header("Idempotent-Replayed") == null))
                    .as("first enqueues")
                    .hasSize(1);
            String id = ids.iterator().next();
            JsonObject task = api.awaitState(id, "COMPLETED", SETTLE);
            assertThat(task.getJsonArray("history")).as("attempts run").hasSize(1);
            assertThat(api.taskQueue().getJsonNumber("messagesAdded").longValue() - added)
                    .as("messages sent")
                    .isEqualTo(1);
            long records =
                    api.get("tasks?contract=" + Jobs.CONTRACT + "&limit=100").json().getJsonArray("items").stream()
                            .map(JsonValue::asJsonObject)
                            .filter(t -> key.equals(t.getString("idempotencyKey", null)))
                            .count();
            assertThat(records).as("records with the key").isEqualTo(1);
            duplicates += (int) records - 1;
        }
        System.out.println("RELIABILITY scenario=8 duplicate-enqueue via=REST rounds=" + ROUNDS + " callersPerRound="
                + CALLERS + " calls=" + ROUNDS * CALLERS + " tasks=" + ROUNDS + " messages=" + ROUNDS + " duplicates="
                + duplicates);
    }

    /** Runs {@code call} from {@value #CALLERS} threads released together, and returns their results. */
    private static <T> List<T> concurrently(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
