package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.it.support.Settlement;
import dev.agentqueue.producer.BatchItemError;
import dev.agentqueue.producer.InvalidBatchException;
import dev.agentqueue.producer.InvalidTaskException;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.api.Reply;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batch enqueue through the EJB and REST: a batch is all or nothing, its idempotency keys count per task, more than
 * 1,000 tasks are refused, and every task a batch accepted runs to COMPLETED.
 */
@ExtendWith(ArquillianExtension.class)
class BatchEnqueueIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Inject
    BrokerManagement broker;

    @Resource
    UserTransaction transaction;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith(Role.class, Jobs.class, Settlement.class);
    }

    @Test
    void anEjbBatchRunsEveryTaskAndItsRepeatReturnsTheSameTasksWithoutSendingAnything() {
        String prefix = "batch-ejb-" + UUID.randomUUID() + "-";
        List<TaskRequest> requests = IntStream.range(0, 50)
                .mapToObj(i -> echo(i % 2 == 0 ? prefix + i : null))
                .toList();

        List<TaskReceipt> receipts = queue.submitAll(requests);

        assertThat(receipts).hasSize(50).noneMatch(TaskReceipt::duplicate);
        List<String> ids = receipts.stream().map(TaskReceipt::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        awaitCompleted(ids);
        long added = broker.taskQueue().messagesAdded();

        List<TaskReceipt> repeated = queue.submitAll(
                requests.stream().filter(r -> r.idempotencyKey().isPresent()).toList());

        assertThat(repeated).allMatch(TaskReceipt::duplicate).allMatch(r -> r.state() == TaskState.COMPLETED);
        assertThat(repeated.stream().map(TaskReceipt::id).toList())
                .containsExactlyElementsOf(IntStream.range(0, 50)
                        .filter(i -> i % 2 == 0)
                        .mapToObj(ids::get)
                        .toList());
        assertThat(broker.taskQueue().messagesAdded()).as("messages sent").isEqualTo(added);
    }

    @Test
    void aKeyRepeatedWithinOneEjbBatchMakesOneTask() {
        String key = "batch-twice-" + UUID.randomUUID();

        List<TaskReceipt> receipts = queue.submitAll(List.of(echo(key), echo(null), echo(key)));

        assertThat(receipts.get(2).id()).isEqualTo(receipts.get(0).id());
        assertThat(receipts.get(2).duplicate()).isTrue();
        awaitCompleted(List.of(receipts.get(0).id(), receipts.get(1).id()));
    }

    @Test
    void anEjbBatchWithBadTasksNamesThemAndEnqueuesNone() {
        String key = "batch-bad-" + UUID.randomUUID();
        long added = broker.taskQueue().messagesAdded();
        List<TaskRequest> requests = List.of(
                echo(key),
                TaskRequest.builder("no.such.contract").payload("{}").build(),
                echo(null),
                TaskRequest.builder(Jobs.CONTRACT).payload("[1]").build());

        assertThatThrownBy(() -> queue.submitAll(requests))
                .isInstanceOfSatisfying(
                        InvalidBatchException.class,
                        e -> assertThat(e.errors())
                                .extracting(BatchItemError::index, BatchItemError::field)
                                .containsExactly(tuple(1, "contract"), tuple(3, "payload")));

        assertThat(broker.taskQueue().messagesAdded()).as("messages sent").isEqualTo(added);
        TaskReceipt afterwards = queue.submitAll(List.of(echo(key))).get(0);
        assertThat(afterwards.duplicate())
                .as("the key of the refused batch names no task")
                .isFalse();
        awaitCompleted(List.of(afterwards.id()));
    }

    @Test
    void anEjbBatchOfMoreThanAThousandTasksIsRefused() {
        List<TaskRequest> requests = Collections.nCopies(1_001, echo(null));

        assertThatThrownBy(() -> queue.submitAll(requests))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("tasks"));
    }

    @Test
    void anEjbBatchRolledBackWithItsCallersTransactionLeavesNoTaskBehind() throws Exception {
        long added = broker.taskQueue().messagesAdded();
        transaction.begin();
        List<TaskReceipt> receipts;
        try {
            receipts = queue.submitAll(List.of(echo(null), echo(null), echo(null)));
        } finally {
            transaction.rollback();
        }

        for (TaskReceipt receipt : receipts) {
            assertThat(store.find(receipt.id())).as(receipt.id()).isEmpty();
        }
        assertThat(broker.taskQueue().messagesAdded()).as("messages sent").isEqualTo(added);
    }

    @Test
    @RunAsClient
    void aRestBatchRunsEveryTaskAndItsRepeatAnswersWithTheSameTasks() {
        AgentQueueApi api = Deployments.api();
        String prefix = "batch-rest-" + UUID.randomUUID() + "-";
        List<JsonObject> tasks = IntStream.range(0, 40)
                .mapToObj(i -> Jobs.echo(Json.createObjectBuilder().add("i", i))
                        .add("idempotencyKey", prefix + i)
                        .build())
                .toList();

        Reply first = api.submitBatch(tasks).expect(202);
        List<String> ids = receiptIds(first);

        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
        assertThat(Settlement.await(api, ids, SETTLE).states()).containsExactly(Map.entry("COMPLETED", 40L));
        Reply repeat = api.submitBatch(tasks).expect(202);
        assertThat(receiptIds(repeat)).containsExactlyElementsOf(ids);
        assertThat(repeat.json().getJsonArray("tasks").getValuesAs(JsonObject.class))
                .allMatch(r -> r.getBoolean("duplicate") && r.getString("state").equals("COMPLETED"));
    }

    @Test
    @RunAsClient
    void aRestBatchWithBadTasksAnswers400NamingThemAndEnqueuesNone() {
        AgentQueueApi api = Deployments.api();
        String key = "batch-rest-bad-" + UUID.randomUUID();
        List<JsonObject> tasks = new ArrayList<>(List.of(
                Jobs.echo(Json.createObjectBuilder()).add("idempotencyKey", key).build(),
                Jobs.echo(Json.createObjectBuilder()).add("priority", 42).build(),
                Jobs.echo(Json.createObjectBuilder())
                        .add("agent", "nobody-" + key)
                        .build()));

        Reply refused = api.submitBatch(tasks);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("urn:agentqueue:problem:invalid-batch");
        assertThat(refused.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getInt("index"), e -> e.getString("field"))
                .containsExactly(tuple(1, "priority"));
        Reply alone = api.submitBatch(List.of(tasks.get(0), tasks.get(2)));
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.json().getJsonArray("errors").getJsonObject(0).getInt("index"))
                .as("a contract-level error is named too")
                .isEqualTo(1);
        Reply keyed = api.submitBatch(List.of(tasks.get(0))).expect(202);
        assertThat(keyed.json().getJsonArray("tasks").getJsonObject(0).getBoolean("duplicate"))
                .as("the key of a refused batch names no task")
                .isFalse();
        Settlement.await(api, receiptIds(keyed), SETTLE);
    }

    @Test
    @RunAsClient
    void aRestBatchOfMoreThanAThousandTasksAnswers400() {
        AgentQueueApi api = Deployments.api();
        JsonObject task = Jobs.echo(Json.createObjectBuilder()).build();

        Reply refused = api.submitBatch(Collections.nCopies(1_001, task));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("tasks");
    }

    private static TaskRequest echo(String idempotencyKey) {
        return TaskRequest.builder(Jobs.CONTRACT)
                .payload("{\"job_type\":\"echo\",\"arguments\":{}}")
                .idempotencyKey(idempotencyKey)
                .build();
    }

    private void awaitCompleted(List<String> ids) {
        Deadline.await(
                ids.size() + " tasks to complete",
                SETTLE,
                () -> ids.stream()
                        .filter(id -> store.find(id)
                                .map(t -> t.state() != TaskState.COMPLETED)
                                .orElse(true))
                        .count(),
                pending -> pending == 0);
    }

    private static List<String> receiptIds(Reply reply) {
        return reply.json().getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getJsonString("id"))
                .map(JsonString::getString)
                .toList();
    }
}
