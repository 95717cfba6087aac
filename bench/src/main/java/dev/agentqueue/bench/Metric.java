package dev.agentqueue.bench;

import java.util.List;
import java.util.Locale;

/** One reported figure: its key in the results, how the table names it, its unit and its target from issue 5. */
record Metric(String key, String label, String unit, String target) {

    /** Every figure, in the order of the table. */
    static final List<Metric> ALL = List.of(
            new Metric("ceiling.rate", "Ceiling: raw JMS produce+consume, 8+8 threads", "msg/s", ""),
            new Metric("ceiling.produceRate", "Ceiling: its produce side alone", "msg/s", ""),
            new Metric("ceiling.serverCpuUs", "Ceiling: server CPU per message (send + receive)", "µs", ""),
            new Metric("w1.ejbEnqueueRate", "W1 enqueue via EJB (8 threads)", "tasks/s", ""),
            new Metric("w1.ejbEnqueueVsCeiling", "W1 enqueue via EJB ÷ ceiling", "×", ""),
            new Metric("w1.restEnqueueRate", "W1 enqueue via REST (8 threads)", "tasks/s", ""),
            new Metric("w1.restEnqueueVsCeiling", "W1 enqueue via REST ÷ ceiling", "×", ""),
            new Metric("w1.ejbDrainRate", "W1 drain, EJB-enqueued (first enqueue → last COMPLETED)", "tasks/s", ""),
            new Metric("w1.ejbDrainVsCeiling", "W1 drain, EJB-enqueued ÷ ceiling", "×", "≥ 0.6"),
            new Metric("w1.restDrainRate", "W1 drain, REST-enqueued", "tasks/s", ""),
            new Metric("w1.restDrainVsCeiling", "W1 drain, REST-enqueued ÷ ceiling", "×", "≥ 0.6"),
            new Metric("w1.ejbServerCpuUs", "W1 EJB: server CPU per task (enqueue + run)", "µs", ""),
            new Metric("w1.ejbServerCpuVsCeiling", "W1 EJB: server CPU per task ÷ ceiling's per message", "×", ""),
            new Metric("w1.ejbRedisCpuUs", "W1 EJB: Redis CPU per task", "µs", ""),
            new Metric("w1.restServerCpuUs", "W1 REST: server CPU per task (HTTP + enqueue + run)", "µs", ""),
            new Metric("w1.ejbBatchEnqueueRate", "W1 batch enqueue via EJB submitAll (1,000 per call)", "tasks/s", ""),
            new Metric("w1.ejbBatchDrainRate", "W1 drain, EJB batch-enqueued", "tasks/s", ""),
            new Metric("w1.ejbBatchServerCpuUs", "W1 EJB batch: server CPU per task (enqueue + run)", "µs", ""),
            new Metric(
                    "w1.restBatchEnqueueRate",
                    "W1 batch enqueue via POST /tasks/batch (1,000 per call)",
                    "tasks/s",
                    ""),
            new Metric("w1.restBatchDrainRate", "W1 drain, REST batch-enqueued", "tasks/s", ""),
            new Metric(
                    "w1.restBatchServerCpuUs", "W1 REST batch: server CPU per task (HTTP + enqueue + run)", "µs", ""),
            new Metric("w2.rate", "W2 io rate (sleep 20 ms; first start → last COMPLETED)", "tasks/s", ""),
            new Metric("w2.shareOfIdeal", "W2 share of ideal (concurrency × 50/s)", "%", "≥ 95%"),
            new Metric("w2.rateVsCeiling", "W2 rate ÷ ceiling", "×", ""),
            new Metric("w3.offeredRate", "W3 offered rate (open loop, REST)", "tasks/s", "200"),
            new Metric("w3.e2eP50Ms", "W3 enqueue → COMPLETED p50", "ms", ""),
            new Metric("w3.e2eP95Ms", "W3 enqueue → COMPLETED p95", "ms", ""),
            new Metric("w3.e2eP99Ms", "W3 enqueue → COMPLETED p99", "ms", "≤ 5"),
            new Metric("w3.restP50Ms", "W3 REST enqueue latency p50", "ms", ""),
            new Metric("w3.restP95Ms", "W3 REST enqueue latency p95", "ms", ""),
            new Metric("w3.restP99Ms", "W3 REST enqueue latency p99", "ms", "≤ 5"),
            new Metric("w4.tasks", "W4 backlog", "tasks", ""),
            new Metric("w4.enqueueRate", "W4 enqueue via EJB, workers paused", "tasks/s", ""),
            new Metric("w4.enqueueVsCeiling", "W4 enqueue ÷ ceiling", "×", ""),
            new Metric("w4.drainRate", "W4 drain of the backlog (first start → last COMPLETED)", "tasks/s", ""),
            new Metric("w4.drainVsCeiling", "W4 drain ÷ ceiling", "×", ""),
            new Metric("w4.drainVsW1", "W4 drain ÷ W1 drain (EJB)", "×", "≥ 0.8"),
            new Metric("w4.serverCpuUs", "W4: server CPU per task (enqueue + run)", "µs", ""),
            new Metric("w4.peakHeapMiB", "W4 peak server heap used, live + garbage (sampled every 0.5 s)", "MiB", ""),
            new Metric("w4.peakHeapAfterGcMiB", "W4 peak server heap after GC (sampled every 0.5 s)", "MiB", "< 512"),
            new Metric(
                    "w4.redisBytesPerTask",
                    "W4 Redis memory per completed task, drained (settled tasks' event streams still live)",
                    "B",
                    ""),
            new Metric(
                    "w4.redisKeptBytesPerTask",
                    "W4 Redis memory per completed task, kept (once the event streams expired)",
                    "B",
                    "< 2048"),
            new Metric("w4.redisUsedMiB", "W4 Redis used memory, drained", "MiB", ""),
            new Metric("w4.queuedMessages", "W4 messages in the broker's task queue, backlog queued", "msgs", ""),
            new Metric("w4.paging", "W4: the broker pages the queued backlog (1 yes, 0 no)", "", ""),
            new Metric("w4.pageFiles", "W4 broker page files, backlog queued", "files", ""),
            new Metric("w4.pageFileMiB", "W4 broker page files on disk, backlog queued", "MiB", ""),
            new Metric("w4.queuedLiveHeapMiB", "W4 server heap after a full GC, backlog queued", "MiB", "< 512"),
            new Metric("w4.drainedLiveHeapMiB", "W4 server heap after a full GC, drained", "MiB", ""),
            new Metric("w4.completedOnce", "W4 tasks COMPLETED on their first attempt", "tasks", "all"));

    /** Returns the metric with the given results key. */
    static Metric of(String key) {
        return ALL.stream()
                .filter(m -> m.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + key));
    }

    /** Formats a value of this metric for the table. */
    String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return switch (unit) {
            case "%" -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case "×" -> String.format(Locale.ROOT, "%.3f", value);
            case "ms" -> String.format(Locale.ROOT, "%.1f", value);
            default -> String.format(Locale.ROOT, "%,.0f", value);
        };
    }
}
