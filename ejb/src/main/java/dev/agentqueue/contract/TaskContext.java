package dev.agentqueue.contract;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** What a contract sees of the task it runs: its input, its agent, its attempt and deadline, and a voice back. */
public interface TaskContext {

    /** Returns the task id. */
    String taskId();

    /** Returns the task's payload. */
    JsonObject payload();

    /** Returns the agent the task names, if any. */
    Optional<AgentDefinition> agent();

    /** Returns the caller's correlation id, if any. */
    Optional<String> correlationId();

    /** Returns the number of this attempt, starting at 1. */
    int attempt();

    /** Returns the most attempts the broker grants before the task is dead-lettered. */
    int maxAttempts();

    /** Returns how many times an operator has redriven this task from the dead-letter queue. */
    default int redrives() {
        return 0;
    }

    /** Returns when this attempt times out; work past it is interrupted and counted as a retryable failure. */
    Instant deadline();

    /** Records a non-fatal warning; it is kept on the task even when the attempt succeeds. */
    void warn(String message);

    /** Reports progress of a long attempt, between 0 and 1, with an optional note. */
    void progress(double fraction, String note);
}
