package dev.agentqueue.producer;

import dev.agentqueue.agent.AgentRegistry;
import dev.agentqueue.callback.CallbackSettings;
import dev.agentqueue.callback.CallbackUrls;
import dev.agentqueue.contract.ContractRegistry;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.TaskLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link TaskRequest} against the deployed contracts and agents and the configured limits. */
@ApplicationScoped
public class RequestValidator {

    @Inject
    ContractRegistry contracts;

    @Inject
    AgentRegistry agents;

    @Inject
    TaskLimits limits;

    @Inject
    CallbackSettings callbacks;

    /**
     * Checks the request and returns its payload as a JSON object.
     *
     * @throws InvalidTaskException naming the first field at fault
     */
    public JsonObject validate(TaskRequest request) {
        ExecutionContract contract = contract(request.contract());
        checkAgent(contract, request.agent().orElse(null));
        JsonObject payload = payload(request.payloadJson());
        try {
            contract.validate(payload);
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskException("payload", e.getMessage());
        }
        if (request.priority() < 0 || request.priority() > 9) {
            throw new InvalidTaskException("priority", "priority must be 0-9, was " + request.priority());
        }
        checkDuration("delay", request.delay(), limits.maxDelay(), true);
        if (request.timeout().isPresent()) {
            checkDuration("timeout", request.timeout().get(), limits.maxTimeout(), false);
        }
        request.idempotencyKey().ifPresent(key -> checkText("idempotencyKey", key));
        request.correlationId().ifPresent(id -> checkText("correlationId", id));
        request.concurrencyKey().ifPresent(key -> checkText("concurrencyKey", key));
        request.callbackUrl().ifPresent(this::checkCallbackUrl);
        return payload;
    }

    /**
     * Checks every request of a batch and returns their payloads in order.
     *
     * @throws InvalidTaskException when the batch is empty or larger than {@link TaskQueueRemote#MAX_BATCH_SIZE}
     * @throws InvalidBatchException naming every request at fault, when any is
     */
    public List<JsonObject> validateAll(List<TaskRequest> requests) {
        if (requests == null || requests.isEmpty() || requests.size() > TaskQueueRemote.MAX_BATCH_SIZE) {
            throw new InvalidTaskException(
                    "tasks",
                    "a batch holds 1 to " + TaskQueueRemote.MAX_BATCH_SIZE + " tasks, was "
                            + (requests == null ? 0 : requests.size()));
        }
        List<JsonObject> payloads = new ArrayList<>(requests.size());
        List<BatchItemError> errors = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TaskRequest request = requests.get(i);
            try {
                if (request == null) {
                    throw new InvalidTaskException("task", "the task is null");
                }
                payloads.add(validate(request));
            } catch (InvalidTaskException e) {
                errors.add(new BatchItemError(i, e.field(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors);
        }
        return payloads;
    }

    private ExecutionContract contract(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidTaskException("contract", "contract is required; deployed contracts: " + contracts.ids());
        }
        return contracts
                .find(id)
                .orElseThrow(() -> new InvalidTaskException(
                        "contract",
                        "Unknown contract '" + abbreviate(id) + "'; deployed contracts: " + contracts.ids()));
    }

    private void checkAgent(ExecutionContract contract, String agent) {
        if (agent == null) {
            if (contract.requiresAgent()) {
                throw new InvalidTaskException(
                        "agent",
                        "contract " + contract.id() + " requires an agent; defined" + " agents: " + agents.names());
            }
            return;
        }
        if (agents.find(agent).isEmpty()) {
            throw new InvalidTaskException(
                    "agent", "Unknown agent '" + abbreviate(agent) + "'; defined agents: " + agents.names());
        }
    }

    private JsonObject payload(String json) {
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > limits.maxPayloadBytes()) {
            throw new PayloadTooLargeException(size, limits.maxPayloadBytes());
        }
        JsonValue value;
        try (var reader = Jsons.reader(json)) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidTaskException("payload", "payload is not valid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidTaskException("payload", "payload must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static void checkDuration(String field, Duration value, Duration max, boolean zeroAllowed) {
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new InvalidTaskException(field, field + " must be " + (zeroAllowed ? "zero or more" : "positive"));
        }
        if (value.compareTo(max) > 0) {
            throw new InvalidTaskException(field, field + " must be at most " + max.toMillis() + " ms");
        }
    }

    private void checkCallbackUrl(String url) {
        try {
            CallbackUrls.check(url, callbacks.allowedHosts());
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskException("callbackUrl", e.getMessage());
        }
        if (callbacks.secret().isEmpty()) {
            // An unsigned callback could not be trusted by its receiver, so none is accepted to be sent.
            throw new InvalidTaskException(
                    "callbackUrl", "callbacks are off on this server: no callback secret is configured");
        }
    }

    private static void checkText(String field, String value) {
        if (value.isEmpty() || value.length() > TaskLimits.MAX_TEXT_FIELD_LENGTH) {
            throw new InvalidTaskException(
                    field, field + " must be 1-" + TaskLimits.MAX_TEXT_FIELD_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidTaskException(field, field + " must not contain control characters");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
