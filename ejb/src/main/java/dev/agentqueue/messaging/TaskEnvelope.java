package dev.agentqueue.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.json.JsonObject;

/**
 * The JSON body of a task message (version 1): what a worker needs to run the task, even when Redis has no record
 * of it yet (plain JMS producers). The member order and the left-out empty members are the wire format.
 */
@JsonPropertyOrder({
    "id",
    "contract",
    "payload",
    "priority",
    "timeoutMs",
    "createdAt",
    "agent",
    "correlationId",
    "idempotencyKey",
    "concurrencyKey",
    "callbackUrl"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEnvelope(
        String id,
        String contract,
        String agent,
        JsonObject payload,
        int priority,
        String correlationId,
        String idempotencyKey,
        long timeoutMs,
        long createdAt,
        String concurrencyKey,
        String callbackUrl) {}
