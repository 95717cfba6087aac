package dev.agentqueue.builtin.job;

import dev.agentqueue.contract.TaskContext;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Runs one type of custom job for the {@code agentqueue.job.v1} contract. Implementations are CDI beans. */
public interface JobHandler {

    /** Returns the {@code job_type} this handler runs. */
    String jobType();

    /** Tells whether this is a built-in diagnostic job that operators may switch off. */
    default boolean diagnostic() {
        return false;
    }

    /**
     * Checks a job's arguments at enqueue time.
     *
     * @throws IllegalArgumentException with a message for the caller when the arguments are unusable
     */
    default void validate(JsonObject arguments) {}

    /** Runs the job and returns its result. */
    JsonValue handle(JsonObject arguments, TaskContext context) throws Exception;
}
