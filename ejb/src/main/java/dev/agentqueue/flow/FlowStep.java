package dev.agentqueue.flow;

import dev.agentqueue.producer.TaskRequest;
import java.io.Serializable;
import java.util.List;

/**
 * One step of a flow: a task, the names of the steps it waits for ({@code after}; none for a step that starts with
 * the flow), and the payload member that receives their results ({@code inputsAs}; null for {@code inputs}).
 */
public record FlowStep(String name, TaskRequest task, List<String> after, String inputsAs) implements Serializable {

    /** Returns a step that runs {@code task} once every step in {@code after} has completed. */
    public static FlowStep of(String name, TaskRequest task, String... after) {
        return new FlowStep(name, task, List.of(after), null);
    }
}
