package dev.agentqueue.task;

import dev.agentqueue.support.JsonRecords;
import java.util.Map;

/** Builds the record of a task as the store would return it, in any state: {@code aRecordedTask().build()}. */
public final class RecordedTaskBuilder {

    private final NewTaskBuilder task = NewTaskBuilder.aNewTask();
    private TaskState state = TaskState.QUEUED;
    private int attempt;
    private TaskError error;
    private String history = "[]";

    private RecordedTaskBuilder() {}

    public static RecordedTaskBuilder aRecordedTask() {
        return new RecordedTaskBuilder();
    }

    public RecordedTaskBuilder withId(String id) {
        task.withId(id);
        return this;
    }

    public RecordedTaskBuilder inState(TaskState state) {
        this.state = state;
        return this;
    }

    public RecordedTaskBuilder atAttempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public RecordedTaskBuilder withError(TaskError error) {
        this.error = error;
        return this;
    }

    /** Sets the attempt history, as the JSON array the record holds. */
    public RecordedTaskBuilder withHistory(String history) {
        this.history = history;
        return this;
    }

    public TaskSnapshot build() {
        Map<String, String> fields = task.build().initialFields();
        fields.put(TaskFields.STATE, state.name());
        fields.put(TaskFields.ATTEMPT, Integer.toString(attempt));
        fields.put(TaskFields.HISTORY, history);
        if (error != null) {
            fields.put(TaskFields.ERROR, JsonRecords.write(error));
        }
        return TaskSnapshot.fromHash(fields);
    }
}
