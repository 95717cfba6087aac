package dev.agentqueue.bench;

/** How big each workload is: {@code full} is SPEC §11 and issue 5; the others are the same code, smaller. */
public enum Scale {
    FULL(20_000, 2_000, 20, 200_000, 20_000, 20_000),
    QUICK(2_000, 500, 5, 10_000, 5_000, 1_000),
    SMOKE(500, 100, 2, 500, 500, 100);

    /** W1 tasks per enqueue path. */
    final int noopTasks;
    /** W2 tasks. */
    final int ioTasks;
    /** W3 duration in seconds (at {@link Workloads#OPEN_LOOP_RATE} tasks per second). */
    final int latencySeconds;
    /** W4 tasks. */
    final int backlogTasks;
    /** Messages through the raw-JMS ceiling. */
    final int ceilingMessages;
    /** Unmeasured tasks per enqueue path (and raw JMS messages) before a phase's first run. */
    final int warmUpTasks;

    Scale(int noopTasks, int ioTasks, int latencySeconds, int backlogTasks, int ceilingMessages, int warmUpTasks) {
        this.noopTasks = noopTasks;
        this.ioTasks = ioTasks;
        this.latencySeconds = latencySeconds;
        this.backlogTasks = backlogTasks;
        this.ceilingMessages = ceilingMessages;
        this.warmUpTasks = warmUpTasks;
    }
}
