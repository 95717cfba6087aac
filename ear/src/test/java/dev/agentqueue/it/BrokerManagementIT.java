package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.RedeliverySettings;
import dev.agentqueue.it.support.Jobs;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broker management as the application uses it (redelivery settings, the reconciler's listing of scheduled and
 * delivering messages, pause and resume, the counters of GET /queues), against whichever broker the server runs
 * with: the embedded one, or an external broker reached by management messages (the remote-broker lane).
 */
@ExtendWith(ArquillianExtension.class)
class BrokerManagementIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    BrokerManagement broker;

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith();
    }

    @Test
    void theRedeliveryPolicyIsTheOneTheBrokerHolds() {
        // The values of server-config (configure.cli, or server-config/artemis/address-settings.xml), read afresh.
        assertThat(broker.freshRedelivery()).isEqualTo(new RedeliverySettings(1_000, 2.0, 60_000, 5));
        assertThat(broker.taskQueueDepth()).isPresent();
    }

    @Test
    void aDelayedTaskIsListedAsScheduledUntilItRuns() {
        TaskReceipt receipt = queue.enqueue(echo().delay(Duration.ofSeconds(4)).build());

        Deadline.await(
                "the delayed task to be listed as scheduled",
                SETTLE,
                () -> broker.scheduledOrDelivering(MessageProperties.TASK_ID),
                ids -> ids.contains(receipt.id()));
        assertThat(settled(receipt.id()).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(broker.scheduledOrDelivering(MessageProperties.TASK_ID)).doesNotContain(receipt.id());
    }

    @Test
    void aPausedTaskQueueHoldsItsTasksUntilItIsResumed() {
        broker.pauseTaskQueue();
        TaskReceipt receipt;
        try {
            assertThat(broker.taskQueue().paused()).isTrue();
            receipt = queue.enqueue(echo().build());
            Deadline.await(
                    "the task to wait in the paused queue",
                    SETTLE,
                    () -> broker.taskQueue().messageCount(),
                    depth -> depth > 0);
            assertThat(store.find(receipt.id()).orElseThrow().state()).isEqualTo(TaskState.QUEUED);
        } finally {
            broker.resumeTaskQueue();
        }

        assertThat(broker.taskQueue().paused()).isFalse();
        assertThat(settled(receipt.id()).state()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    @RunAsClient
    void getQueuesShowsTheBrokersCountersOfBothQueues() {
        AgentQueueApi admin = Deployments.api().as(Role.ADMIN.apiUser());
        long addedBefore = admin.taskQueue().getJsonNumber("messagesAdded").longValue();

        String id = admin.enqueue(
                Jobs.echo(Json.createObjectBuilder().add("text", "counted")).build());
        admin.awaitState(id, "COMPLETED", SETTLE);

        // The broker's count can lag the delivery it counts, so a fast run can see the task done before the count.
        admin.awaitMessagesAddedAbove(addedBefore, SETTLE);
        JsonObject tasks = admin.taskQueue();
        assertThat(tasks.getString("address")).isEqualTo("jms.queue.AgentQueueTasks");
        assertThat(tasks.getInt("consumers")).isPositive();
        assertThat(tasks.getBoolean("paused")).isFalse();
        assertThat(admin.deadLetterQueue().getString("address")).isEqualTo("jms.queue.AgentQueueTasksDLQ");
    }

    private TaskSnapshot settled(String id) {
        return Deadline.await(
                        "task " + id + " to settle",
                        SETTLE,
                        () -> store.find(id),
                        task -> task.isPresent() && task.get().state().isSettled())
                .orElseThrow();
    }

    private static TaskRequest.Builder echo() {
        return TaskRequest.builder("agentqueue.job.v1").payload("{\"job_type\":\"echo\"}");
    }
}
