package dev.agentqueue.contract;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * A kind of work agentqueue can run, named by a versioned id such as {@code agentqueue.job.v1}. Implementations
 * are CDI beans; deploying one makes its id enqueueable.
 *
 * <p>Failures are reported by throwing: {@link TerminalTaskException} for work that can never succeed,
 * {@link RetryableTaskException} (or any I/O error or timeout) for work worth retrying. A contract never reports
 * a failed run as a result.
 */
public interface ExecutionContract {

    /** Returns the id tasks use to name this contract. */
    String id();

    /** Tells whether tasks of this contract must name a configured agent. */
    default boolean requiresAgent() {
        return false;
    }

    /**
     * Checks a payload at enqueue time, so bad input is refused before anything is queued.
     *
     * @throws IllegalArgumentException with a message for the caller when the payload cannot be run
     */
    default void validate(JsonObject payload) {}

    /**
     * Names the shared circuit breaker guarding the downstream a task with the given agent calls, if any. While it
     * is open, workers defer such tasks instead of spending attempts on them.
     */
    default Optional<String> breaker(AgentDefinition agent) {
        return Optional.empty();
    }

    /**
     * Estimates the tokens (input plus output) one attempt of a task with this payload and agent spends at its
     * provider, reserved against the provider's token limits before it runs and settled with the usage its result
     * reports ({@code usage.input_tokens} plus {@code usage.output_tokens}). Zero for work that spends none.
     */
    default long tokenEstimate(JsonObject payload, AgentDefinition agent) {
        return 0;
    }

    /** Runs one attempt of a task and returns its result. */
    JsonValue execute(TaskContext context) throws Exception;
}
