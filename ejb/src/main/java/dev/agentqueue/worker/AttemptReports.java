package dev.agentqueue.worker;

/** Where a running attempt's reports go: its progress, its renewed lease and its output, all per task and attempt. */
interface AttemptReports {

    /** Records progress, percent already clamped to 0..100. */
    void progress(int percent, String message);

    /** Records that the attempt's lease now ends at {@code untilMs}. */
    void leaseRenewed(long untilMs);

    /** Sends a piece of output to the task's listeners. */
    void output(String text);
}
