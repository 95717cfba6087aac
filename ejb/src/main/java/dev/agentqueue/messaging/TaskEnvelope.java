package dev.agentqueue.messaging;

import jakarta.json.JsonObject;

/**
 * The JSON body of a task message (version 1): what a worker needs to run the task, even when Redis has no record
 * of it yet (plain JMS producers).
 */
public record TaskEnvelope(
        String id,
        String contract,
        String agent,
        JsonObject payload,
        int priority,
        String correlationId,
        String idempotencyKey,
        long timeoutMs,
        long createdAt) {}
