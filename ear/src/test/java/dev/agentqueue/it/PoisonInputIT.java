package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.dlq.DeadLetter;
import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.dlq.DeadLetterQueue;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.ErrorClassification;
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
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5 of the reliability suite: every kind of poison a plain JMS producer can put on the task queue, sent
 * while good tasks are enqueued, is dead-lettered exactly once on its first delivery with its reason, and every good
 * task completes. Extends {@code WorkerIT}'s single-case poison test to the whole catalogue, under load.
 */
@ExtendWith(ArquillianExtension.class)
class PoisonInputIT {

    private static final Logger LOG = Logger.getLogger(PoisonInputIT.class.getName());
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final int GOOD_TASKS = 200;
    private static final String JOB = "\"contract\":\"agentqueue.job.v1\"";
    private static final String ECHO = JOB + ",\"payload\":{\"job_type\":\"echo\"}";

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Inject
    DeadLetterQueue dlq;

    @Inject
    BrokerManagement broker;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/agentqueue/tasks")
    Queue taskQueue;

    @Resource
    UserTransaction transaction;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith();
    }

    /** One kind of poison: how to build its message, and a fragment of the reason it must be dead-lettered with. */
    private record Poison(String name, String reason, Function<JMSContext, Message> message) {}

    private static List<Poison> catalogue() {
        return List.of(
                text("not JSON", "this is not json {", "not a JSON object"),
                text("empty body", "", "empty"),
                text("JSON array, not an envelope", "[1,2,3]", "not a JSON object"),
                text("JSON string, not an envelope", "\"agentqueue.job.v1\"", "not a JSON object"),
                text("truncated JSON", "{" + ECHO.substring(0, 30), "not a JSON object"),
                text(
                        "deeply nested JSON",
                        "{" + JOB + ",\"payload\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}",
                        "not a JSON object"),
                text("missing contract", "{\"payload\":{\"job_type\":\"echo\"}}", "no contract"),
                text("blank contract", "{\"contract\":\"  \"}", "no contract"),
                text("contract of the wrong type", "{\"contract\":42}", "contract must be a string"),
                text("payload of the wrong type", "{" + JOB + ",\"payload\":[1]}", "payload must be a JSON object"),
                text(
                        "priority of the wrong type",
                        "{" + ECHO + ",\"priority\":\"high\"}",
                        "priority must be an integer"),
                text("priority out of range", "{" + ECHO + ",\"priority\":12}", "priority must be 0-9"),
                text(
                        "priority too large for a long",
                        "{" + ECHO + ",\"priority\":10000000000000000000000000000000000000000}",
                        "priority is out of range"),
                text("fractional timeout", "{" + ECHO + ",\"timeoutMs\":1.5}", "timeoutMs must be an integer"),
                text("negative timeout", "{" + ECHO + ",\"timeoutMs\":-5}", "timeoutMs must be positive"),
                text("id that is not a task id", "{\"id\":\"../../etc/passwd\"," + ECHO + "}", "not a lower-case UUID"),
                text("agent of the wrong type", "{" + ECHO + ",\"agent\":{\"name\":\"x\"}}", "agent must be a string"),
                text("huge body", "{" + ECHO + ",\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}", "the limit is"),
                text("unknown contract", "{\"contract\":\"no.such.v1\"}", "Unknown contract 'no.such.v1'"),
                text("unknown agent", "{" + ECHO + ",\"agent\":\"ghost\"}", "Unknown agent 'ghost'"),
                text("agent contract without an agent", "{\"contract\":\"agentqueue.chat.v1\"}", "requires an agent"),
                text("unknown job type", "{" + JOB + ",\"payload\":{\"job_type\":\"nope\"}}", "Unknown job_type"),
                new Poison("wrong envelope version", "is 2; expected 1", c -> versioned(c, "{" + ECHO + "}", 2)),
                new Poison("no envelope version", "missing", c -> c.createTextMessage("{" + ECHO + "}")),
                new Poison("envelope version not a number", "missing or not an integer", c -> {
                    TextMessage message = c.createTextMessage("{" + ECHO + "}");
                    set(message, m -> m.setStringProperty(MessageProperties.VERSION, "one"));
                    return message;
                }),
                new Poison("BytesMessage", "not a TextMessage", c -> {
                    BytesMessage message = c.createBytesMessage();
                    set(message, m -> {
                        m.writeBytes(("{" + ECHO + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        m.setIntProperty(MessageProperties.VERSION, 1);
                    });
                    return message;
                }),
                new Poison("ObjectMessage", "not a TextMessage", c -> {
                    Message message = c.createObjectMessage("{" + ECHO + "}");
                    set(message, m -> m.setIntProperty(MessageProperties.VERSION, 1));
                    return message;
                }),
                new Poison("MapMessage", "not a TextMessage", c -> {
                    MapMessage message = c.createMapMessage();
                    set(message, m -> {
                        m.setString("contract", "agentqueue.job.v1");
                        m.setIntProperty(MessageProperties.VERSION, 1);
                    });
                    return message;
                }));
    }

    @Test
    void everyKindOfPoisonIsDeadLetteredOnceWithItsReasonWhileGoodTasksComplete() throws Exception {
        List<Poison> poisons = catalogue();
        long killedBefore = broker.taskQueue().messagesKilled();
        Map<String, Poison> poisonIds = new LinkedHashMap<>();
        List<String> good = new ArrayList<>();
        int every = GOOD_TASKS / poisons.size();
        for (int i = 0; i < GOOD_TASKS; i++) {
            good.add(queue.enqueue(TaskRequest.builder("agentqueue.job.v1")
                            .payload("{\"job_type\":\"echo\",\"arguments\":{\"n\":" + i + "}}")
                            .build())
                    .id());
            if (i % every == 0 && poisonIds.size() < poisons.size()) {
                Poison poison = poisons.get(poisonIds.size());
                poisonIds.put(send(poison), poison);
            }
        }
        assertThat(poisonIds).hasSize(poisons.size());

        int completed = 0;
        for (String id : good) {
            TaskSnapshot task = settled(id);
            assertThat(task.state()).as(id).isEqualTo(TaskState.COMPLETED);
            assertThat(task.attempt()).as(id).isEqualTo(1);
            completed++;
        }
        int deadLettered = 0;
        for (Map.Entry<String, Poison> entry : poisonIds.entrySet()) {
            String id = entry.getKey();
            Poison poison = entry.getValue();
            TaskSnapshot task = settled(id);
            assertThat(task.state()).as(poison.name()).isEqualTo(TaskState.DEAD_LETTER);
            assertThat(task.attempt()).as(poison.name()).isEqualTo(1);
            assertThat(task.error().classification()).as(poison.name()).isEqualTo(ErrorClassification.TERMINAL);
            assertThat(task.error().message()).as(poison.name()).contains(poison.reason());
            List<DeadLetter> letters = Deadline.await(
                    "the dead letter of " + poison.name(), SETTLE, () -> lettersOf(id), l -> !l.isEmpty());
            assertThat(letters).as(poison.name()).hasSize(1);
            assertThat(letters.get(0).attempt()).as(poison.name()).isEqualTo(1);
            assertThat(letters.get(0).error().message()).as(poison.name()).contains(poison.reason());
            deadLettered++;
        }
        Deadline.await(
                "the task queue to drain", SETTLE, () -> broker.taskQueue().messageCount(), n -> n == 0);
        // Nothing was redelivered until the broker gave up on it: the worker moved each poison on delivery 1.
        long killed = broker.taskQueue().messagesKilled() - killedBefore;
        assertThat(killed).isZero();
        LOG.info("RELIABILITY scenario=5 poison accepted=" + (GOOD_TASKS + poisons.size()) + " good=" + GOOD_TASKS
                + " goodCompleted=" + completed + " poisonKinds=" + poisons.size() + " poisonDeadLettered="
                + deadLettered + " dlqLettersPerPoison=1 redeliveredPoison=0 brokerKilled=" + killed + " lost=0");
    }

    private String send(Poison poison) throws Exception {
        // In a transaction of its own, like any producer's send; the enqueues around it run in theirs.
        transaction.begin();
        Message message = poison.message().apply(jms);
        jms.createProducer().send(taskQueue, message);
        transaction.commit();
        // No poison names a valid task id, so the worker records each under the id derived from its message id.
        return TaskIds.fromMessageId(message.getJMSMessageID());
    }

    private List<DeadLetter> lettersOf(String id) {
        return dlq.browse(DeadLetterFilter.ofIds(Set.of(id)));
    }

    private TaskSnapshot settled(String id) {
        return Deadline.await(
                        "task " + id + " to settle",
                        SETTLE,
                        () -> store.find(id),
                        t -> t.isPresent() && t.get().state().isSettled())
                .orElseThrow();
    }

    private static Poison text(String name, String body, String reason) {
        return new Poison(name, reason, c -> versioned(c, body, 1));
    }

    private static Message versioned(JMSContext jms, String body, int version) {
        TextMessage message = jms.createTextMessage(body);
        set(message, m -> m.setIntProperty(MessageProperties.VERSION, version));
        return message;
    }

    private interface Setter<M extends Message> {
        void apply(M message) throws JMSException;
    }

    private static <M extends Message> void set(M message, Setter<M> setter) {
        try {
            setter.apply(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
