package dev.agentqueue.worker;

import dev.agentqueue.messaging.Delivery;
import dev.agentqueue.messaging.MalformedEnvelopeException;
import dev.agentqueue.messaging.MessageProperties;
import dev.agentqueue.messaging.TaskEnvelope;
import dev.agentqueue.task.TaskIds;
import jakarta.jms.Message;
import jakarta.json.JsonValue;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a delivery of a task message without a broker: {@code aDelivery().atAttempt(2).build()}. It has no JMS
 * message, which the worker's decisions never look at, unless it is a flow step's: then a stand-in answers its
 * properties.
 */
final class DeliveryBuilder {

    private String id = TaskIds.next();
    private String contract = "agentqueue.job.v1";
    private String agent;
    private int attempt = 1;
    private String concurrencyKey;
    private MalformedEnvelopeException malformed;
    private Map<String, String> properties = Map.of();

    private DeliveryBuilder() {}

    static DeliveryBuilder aDelivery() {
        return new DeliveryBuilder();
    }

    DeliveryBuilder withId(String id) {
        this.id = id;
        return this;
    }

    DeliveryBuilder ofContract(String contract) {
        this.contract = contract;
        return this;
    }

    DeliveryBuilder withAgent(String agent) {
        this.agent = agent;
        return this;
    }

    DeliveryBuilder withConcurrencyKey(String concurrencyKey) {
        this.concurrencyKey = concurrencyKey;
        return this;
    }

    DeliveryBuilder atAttempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    /** Makes it the delivery of step {@code step} of flow {@code flowId}, whose message carries both. */
    DeliveryBuilder ofFlowStep(String flowId, String step) {
        this.properties = MessageProperties.flowLabels(flowId, step);
        return this;
    }

    /** Makes it a poison delivery, whose message could not be read for {@code reason}. */
    DeliveryBuilder poison(String reason) {
        this.malformed = new MalformedEnvelopeException(reason);
        return this;
    }

    Delivery build() {
        TaskEnvelope envelope = malformed != null
                ? null
                : new TaskEnvelope(
                        id,
                        contract,
                        agent,
                        JsonValue.EMPTY_JSON_OBJECT,
                        4,
                        null,
                        null,
                        60_000,
                        1_000,
                        concurrencyKey,
                        null);
        return new Delivery(properties.isEmpty() ? null : messageWith(properties), id, attempt, envelope, malformed);
    }

    /** Returns a message that answers only string properties, which is all a delivery reads of one. */
    private static Message messageWith(Map<String, String> properties) {
        return (Message) Proxy.newProxyInstance(
                Message.class.getClassLoader(), new Class<?>[] {Message.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStringProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
