package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.producer.InvalidTaskException;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The producer EJB and the worker, tested inside the server: transactions, raw JMS poison, the dead-letter queue
 * and priorities, against the real broker and Redis.
 */
@ExtendWith(ArquillianExtension.class)
class WorkerIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String FAILS_TERMINALLY =
            "{\"job_type\":\"fail\",\"arguments\":{\"mode\":\"terminal\",\"message\":\"bad\"}}";

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Inject
    BrokerManagement broker;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/agentqueue/tasks")
    Queue taskQueue;

    @Resource(lookup = "java:/jms/agentqueue/tasks-dlq")
    Queue deadLetterQueue;

    @Resource
    UserTransaction transaction;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith();
    }

    @Test
    void anEnqueueThroughTheEjbRunsTheTask() {
        TaskReceipt receipt = queue.enqueue(echo().correlationId("ejb-1").build());

        TaskSnapshot task = settled(receipt.id());

        assertThat(receipt.state()).isEqualTo(TaskState.QUEUED);
        assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(task.correlationId()).isEqualTo("ejb-1");
    }

    @Test
    void aRolledBackEnqueueLeavesNeitherRecordNorMessage() throws Exception {
        long added = broker.taskQueue().messagesAdded();

        transaction.begin();
        TaskReceipt receipt = queue.enqueue(
                echo().idempotencyKey("rollback-" + TaskIds.next()).build());
        assertThat(store.find(receipt.id())).isPresent();
        transaction.rollback();

        assertThat(store.find(receipt.id())).isEmpty();
        assertThat(broker.taskQueue().messagesAdded()).isEqualTo(added);
    }

    @Test
    void anEnqueueInACallerTransactionIsSentWhenThatTransactionCommits() throws Exception {
        long added = broker.taskQueue().messagesAdded();

        transaction.begin();
        TaskReceipt receipt = queue.enqueue(echo().correlationId("in-caller-tx").build());
        long addedBeforeCommit = broker.taskQueue().messagesAdded();
        transaction.commit();

        assertThat(addedBeforeCommit).isEqualTo(added);
        awaitMessagesAddedAbove(added);
        assertThat(settled(receipt.id()).state()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void anEnqueueWithoutACallerTransactionIsSentOnItsOwn() {
        long added = broker.taskQueue().messagesAdded();

        TaskReceipt receipt = queue.enqueue(echo().correlationId("no-caller-tx").build());

        assertThat(store.find(receipt.id())).isPresent();
        awaitMessagesAddedAbove(added);
        assertThat(settled(receipt.id()).state()).isEqualTo(TaskState.COMPLETED);
    }

    /**
     * Waits for the task queue's count of added messages to pass {@code added}. The broker's count can lag its answer
     * to the send: a fresh-clone CI run read the old count right after a durable send had returned.
     */
    private void awaitMessagesAddedAbove(long added) {
        Deadline.await(
                "the task queue to count the message",
                SETTLE,
                () -> broker.taskQueue().messagesAdded(),
                count -> count > added);
    }

    @Test
    void badRequestsThroughTheEjbFailWithATypedException() {
        assertThatThrownBy(() -> queue.enqueue(echo().priority(12).build()))
                .isInstanceOf(InvalidTaskException.class)
                .satisfies(e -> assertThat(((InvalidTaskException) e).field()).isEqualTo("priority"));
        assertThatThrownBy(() -> queue.enqueue(TaskRequest.builder("no.such.v1").build()))
                .isInstanceOf(InvalidTaskException.class)
                .hasMessageContaining("no.such.v1");
        assertThatThrownBy(
                        () -> queue.enqueue(echo().delay(Duration.ofSeconds(-1)).build()))
                .isInstanceOf(InvalidTaskException.class);
    }

    @Test
    void poisonMessagesAreDeadLetteredOnceWhileTheWorkerKeepsWorking() throws Exception {
        String notJson = sendText("this is not json", true).id();
        String noVersion =
                sendText("{\"contract\":\"agentqueue.job.v1\"}", false).id();
        String unknownContractId = TaskIds.next();
        sendText("{\"id\":\"" + unknownContractId + "\",\"contract\":\"no.such.v1\"}", true);
        BytesMessage bytes = jms.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        jms.createProducer().send(taskQueue, bytes);
        String binary = TaskIds.fromMessageId(bytes.getJMSMessageID());
        String good = TaskIds.next();
        sendText(
                "{\"id\":\"" + good + "\",\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\"}}",
                true);

        assertThat(settled(good).state()).isEqualTo(TaskState.COMPLETED);
        for (String poison : List.of(notJson, noVersion, unknownContractId, binary)) {
            TaskSnapshot task = settled(poison);
            assertThat(task.state()).as(poison).isEqualTo(TaskState.DEAD_LETTER);
            assertThat(task.attempt()).as(poison).isEqualTo(1);
            assertThat(task.error().classification().name()).isEqualTo("TERMINAL");
            assertThat(Deadline.await("dead letter of " + poison, SETTLE, () -> deadLetters(poison), l -> !l.isEmpty()))
                    .hasSize(1);
        }
        assertThat(store.find(noVersion).orElseThrow().error().message()).contains("agentqueue_version");
        assertThat(store.find(unknownContractId).orElseThrow().error().message())
                .contains("no.such.v1");
        assertThat(deadLetters(binary).get(0).getStringProperty(MessageProperties.ERROR_MESSAGE))
                .contains("not a TextMessage");
    }

    @Test
    void aPlainJmsEnvelopeWithoutAnIdGetsARecordAndRuns() throws Exception {
        String id = sendText(
                        "{\"contract\":\"agentqueue.job.v1\",\"payload\":{\"job_type\":\"echo\","
                                + "\"arguments\":{\"n\":7}}}",
                        true)
                .id();

        TaskSnapshot task = settled(id);

        assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(task.result().asJsonObject().getInt("n")).isEqualTo(7);
    }

    @Test
    void exhaustedRetriesEndInTheDeadLetterQueueWithTheError() throws Exception {
        TaskReceipt receipt = queue.enqueue(TaskRequest.builder("agentqueue.job.v1")
                .payload("{\"job_type\":\"fail\",\"arguments\":{\"mode\":\"retryable\",\"message\":\"upstream 503\"}}")
                .build());

        TaskSnapshot task = settled(receipt.id());

        assertThat(task.state()).isEqualTo(TaskState.DEAD_LETTER);
        assertThat(task.attempt()).isEqualTo(5);
        List<Message> letters =
                Deadline.await("dead letter", SETTLE, () -> deadLetters(receipt.id()), l -> !l.isEmpty());
        assertThat(letters).hasSize(1);
        Message letter = letters.get(0);
        assertThat(letter.getIntProperty(MessageProperties.ATTEMPT)).isEqualTo(5);
        assertThat(letter.getStringProperty(MessageProperties.ERROR_CLASSIFICATION))
                .isEqualTo("RETRYABLE");
        assertThat(letter.getStringProperty(MessageProperties.ERROR_MESSAGE)).contains("upstream 503");
        assertThat(letter.getStringProperty(MessageProperties.ERROR_FINGERPRINT))
                .isEqualTo(task.error().fingerprint());
        assertThat(((TextMessage) letter).getText()).contains(receipt.id());
    }

    @Test
    void aMessageBackAfterItsTaskCompletedIsAcknowledgedWithoutRunningAgain() throws Exception {
        // What a server that died after recording COMPLETED, before the acknowledgement reached the broker, leaves.
        String id = queue.enqueue(echo().build()).id();
        TaskSnapshot done = settled(id);
        assertThat(done.state()).isEqualTo(TaskState.COMPLETED);

        redeliver(id, "{\"job_type\":\"echo\"}");

        TaskSnapshot after = store.find(id).orElseThrow();
        assertThat(after.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(after.history()).hasSize(1);
        assertThat(after.finishedAt()).isEqualTo(done.finishedAt());
    }

    @Test
    void aDeadLetterMoveRepeatedAfterACrashLeavesOneLetter() throws Exception {
        // What a server that died after sending the DLQ copy, before acknowledging the original, leaves: the task
        // queue delivers the original again, the worker finds the record DEAD_LETTER and finishes the move again.
        String id = queue.enqueue(TaskRequest.builder("agentqueue.job.v1")
                        .payload(FAILS_TERMINALLY)
                        .build())
                .id();
        assertThat(settled(id).state()).isEqualTo(TaskState.DEAD_LETTER);
        Deadline.await("the dead letter", SETTLE, () -> deadLetters(id), l -> !l.isEmpty());

        redeliver(id, FAILS_TERMINALLY);

        // The second copy carried the same duplicate-detection id (task, redrives, recorded attempt): dropped.
        assertThat(deadLetters(id)).hasSize(1);
        TaskSnapshot task = store.find(id).orElseThrow();
        assertThat(task.state()).isEqualTo(TaskState.DEAD_LETTER);
        assertThat(task.attempt()).isEqualTo(1);
    }

    @Test
    void higherPriorityTasksRunFirst() {
        List<String> low = new ArrayList<>();
        List<String> high = new ArrayList<>();
        broker.pauseTaskQueue();
        try {
            for (int i = 0; i < 24; i++) {
                low.add(queue.enqueue(sleep(150).priority(1).build()).id());
            }
            for (int i = 0; i < 6; i++) {
                high.add(queue.enqueue(sleep(150).priority(9).build()).id());
            }
        } finally {
            broker.resumeTaskQueue();
        }

        long lastHighStart = high.stream()
                .map(this::settled)
                .mapToLong(t -> t.startedAt().toEpochMilli())
                .max()
                .orElseThrow();
        List<Long> lowStarts = low.stream()
                .map(this::settled)
                .map(t -> t.startedAt().toEpochMilli())
                .sorted(Comparator.naturalOrder())
                .toList();

        // 8 workers: the 6 high-priority tasks share the first round with at most 2 low ones. In FIFO order they
        // would have started only after all 24 low-priority tasks.
        long lowBeforeLastHigh =
                lowStarts.stream().filter(start -> start <= lastHighStart).count();
        assertThat(lowBeforeLastHigh).isLessThanOrEqualTo(4);
    }

    private record Sent(String id, Message message) {}

    private Sent sendText(String body, boolean withVersion) throws JMSException {
        TextMessage message = jms.createTextMessage(body);
        if (withVersion) {
            message.setIntProperty(MessageProperties.VERSION, 1);
        }
        jms.createProducer().send(taskQueue, message);
        return new Sent(TaskIds.fromMessageId(message.getJMSMessageID()), message);
    }

    /**
     * Sends task {@code id}'s envelope again, as the broker would redeliver an unacknowledged original, and waits until
     * a worker has acknowledged it.
     */
    private void redeliver(String id, String payload) throws JMSException {
        long acknowledged = broker.taskQueue().messagesAcknowledged();
        TextMessage message = jms.createTextMessage(
                "{\"id\":\"" + id + "\",\"contract\":\"agentqueue.job.v1\",\"payload\":" + payload + "}");
        message.setIntProperty(MessageProperties.VERSION, 1);
        message.setStringProperty(MessageProperties.TASK_ID, id);
        jms.createProducer().send(taskQueue, message);
        Deadline.await(
                "the repeated message to be acknowledged",
                SETTLE,
                () -> broker.taskQueue().messagesAcknowledged(),
                n -> n > acknowledged);
    }

    private List<Message> deadLetters(String taskId) {
        try (QueueBrowser browser =
                jms.createBrowser(deadLetterQueue, MessageProperties.TASK_ID + " = '" + taskId + "'")) {
            return Collections.list(browser.getEnumeration()).stream()
                    .map(Message.class::cast)
                    .toList();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private TaskSnapshot settled(String id) {
        return Deadline.await(
                        "task " + id + " to settle",
                        SETTLE,
                        () -> store.find(id),
                        t -> t.isPresent() && t.get().state().isSettled())
                .orElseThrow();
    }

    private static TaskRequest.Builder echo() {
        return TaskRequest.builder("agentqueue.job.v1")
                .payload(Json.createObjectBuilder()
                        .add("job_type", "echo")
                        .build()
                        .toString());
    }

    private static TaskRequest.Builder sleep(long ms) {
        return TaskRequest.builder("agentqueue.job.v1")
                .payload(Json.createObjectBuilder()
                        .add("job_type", "sleep")
                        .add("arguments", Json.createObjectBuilder().add("ms", ms))
                        .build()
                        .toString());
    }
}
