package dev.agentqueue.task;

/** Spells the one log format for a task, {@code Task(id=…, contract=…)}, so that every log line names it alike. */
public final class TaskLog {

    private TaskLog() {}

    /** Returns {@code Task(id=…, contract=…)}. */
    public static String of(String id, String contract) {
        return "Task(id=" + id + ", contract=" + contract + ")";
    }

    /** Returns {@code Task(id=…, contract=…, attempt=…)}, for a task seen during one of its attempts. */
    public static String of(String id, String contract, int attempt) {
        return "Task(id=" + id + ", contract=" + contract + ", attempt=" + attempt + ")";
    }
}
