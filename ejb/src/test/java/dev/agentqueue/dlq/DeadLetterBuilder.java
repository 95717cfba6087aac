package dev.agentqueue.dlq;

import dev.agentqueue.task.ErrorClassification;
import dev.agentqueue.task.TaskError;
import dev.agentqueue.task.TaskIds;

/** Test data: {@code aDeadLetter().at(5).withError("Boom").build()}. */
final class DeadLetterBuilder {

    private String taskId = TaskIds.next();
    private String contract = "agentqueue.job.v1";
    private String agent;
    private TaskError error = TaskError.of(ErrorClassification.TERMINAL, "Bad", "bad input");
    private long deadLetteredAt = 1_000;

    private DeadLetterBuilder() {}

    static DeadLetterBuilder aDeadLetter() {
        return new DeadLetterBuilder();
    }

    DeadLetterBuilder withTaskId(String taskId) {
        this.taskId = taskId;
        return this;
    }

    DeadLetterBuilder withAgent(String agent) {
        this.agent = agent;
        return this;
    }

    DeadLetterBuilder withError(String type, String message) {
        this.error = TaskError.of(ErrorClassification.TERMINAL, type, message);
        return this;
    }

    DeadLetterBuilder at(long deadLetteredAt) {
        this.deadLetteredAt = deadLetteredAt;
        return this;
    }

    DeadLetter build() {
        return new DeadLetter(taskId, "ID:" + taskId, contract, agent, error, 1, "tasks", deadLetteredAt, 4);
    }
}
