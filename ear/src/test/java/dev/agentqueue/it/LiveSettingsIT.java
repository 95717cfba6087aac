package dev.agentqueue.it;

import static dev.agentqueue.it.support.Jobs.failUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redelivery settings changed through the management API of the running server (what the console and
 * {@code jboss-cli} do) apply to the next deliveries, without a reload or a redeploy.
 */
@ExtendWith(ArquillianExtension.class)
class LiveSettingsIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @ArquillianResource
    ManagementClient management;

    private final AgentQueueApi api = Deployments.api();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void maxDeliveryAttemptsAndRedeliveryDelayChangedOnTheRunningServerApplyToNewDeliveries() throws IOException {
        ModelNode attempts = read("max-delivery-attempts");
        ModelNode delay = read("redelivery-delay");
        try {
            write("max-delivery-attempts", new ModelNode(2));
            write("redelivery-delay", new ModelNode(3000L));
            assertThat(serverState()).isEqualTo("running");

            String id = api.enqueue(failUntil(0).build());
            JsonObject waiting = Deadline.await(
                    "the first attempt to fail",
                    SETTLE,
                    () -> api.task(id),
                    t -> t.getString("state").equals("FAILED"));
            JsonObject dead = api.awaitState(id, "DEAD_LETTER", SETTLE);

            JsonObject firstAttempt = waiting.getJsonArray("history").getJsonObject(0);
            long wait = Instant.parse(waiting.getString("nextAttemptAt")).toEpochMilli()
                    - Instant.parse(firstAttempt.getString("end")).toEpochMilli();
            assertThat(wait).isEqualTo(3000);
            assertThat(dead.getInt("attempt")).isEqualTo(2);
            assertThat(dead.getInt("maxAttempts")).isEqualTo(2);
        } finally {
            write("max-delivery-attempts", attempts);
            write("redelivery-delay", delay);
        }
        assertThat(read("max-delivery-attempts").asInt()).isEqualTo(5);
    }

    private ModelNode read(String attribute) throws IOException {
        ModelNode op = operation("read-attribute");
        op.get("name").set(attribute);
        return execute(op);
    }

    private void write(String attribute, ModelNode value) throws IOException {
        ModelNode op = operation("write-attribute");
        op.get("name").set(attribute);
        op.get("value").set(value);
        ModelNode response = management.getControllerClient().execute(op);
        assertThat(response.get("outcome").asString()).as(response.toString()).isEqualTo("success");
        assertThat(response.get("response-headers", "operation-requires-reload").isDefined())
                .as("needs a reload: " + response)
                .isFalse();
    }

    private String serverState() throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("address").setEmptyList();
        op.get("name").set("server-state");
        return execute(op).asString();
    }

    private ModelNode execute(ModelNode op) throws IOException {
        ModelNode response = management.getControllerClient().execute(op);
        assertThat(response.get("outcome").asString()).as(response.toString()).isEqualTo("success");
        return response.get("result");
    }

    private static ModelNode operation(String name) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        ModelNode address = op.get("address");
        address.add("subsystem", "messaging-activemq");
        address.add("server", "default");
        address.add("address-setting", "jms.queue.AgentQueueTasks");
        return op;
    }
}
