package dev.agentqueue.api.stats;

import dev.agentqueue.stats.LatencySummary;
import dev.agentqueue.stats.MinuteStats;
import dev.agentqueue.task.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of {@code GET /stats}: {@link StatsResource} writes these records, and the OpenAPI document describes them
 * from their annotations.
 */
final class StatsSchemas {

    private StatsSchemas() {}

    /** The answer of {@code GET /stats}. */
    @Schema(
            name = "Stats",
            requiredProperties = {"states", "minutes", "sampleSeconds"})
    record Stats(
            @Schema(
                    description = "Tasks per state, from the task indexes; settled tasks count until their"
                            + " record expires")
            Map<TaskState, Long> states,

            @Schema(description = "The last 60 minutes, oldest first; the last one is still going on")
            List<Minute> minutes,

            @Schema(description = "How often each node adds to the minutes")
            int sampleSeconds) {}

    /** What happened in one minute, over all nodes. */
    @Schema(
            name = "StatsMinute",
            requiredProperties = {"start", "added", "acknowledged", "completed", "deadLettered", "latency"})
    record Minute(
            @Schema(format = "date-time") String start,

            @Schema(description = "Messages the task queues took in: enqueues, redrives and deferrals")
            long added,

            @Schema(description = "Messages the task queues acknowledged: attempts that ended")
            long acknowledged,

            @Schema(description = "Tasks that completed") long completed,

            @Schema(description = "Messages the dead-letter queues took in")
            long deadLettered,

            @Schema(description = "Latency of the tasks that completed; null when none did", nullable = true)
            Latency latency) {

        static Minute of(MinuteStats minute) {
            LatencySummary latency = minute.latency();
            return new Minute(
                    Instant.ofEpochMilli(minute.startMs()).toString(),
                    minute.added(),
                    minute.acknowledged(),
                    minute.completed(),
                    minute.deadLettered(),
                    latency == null
                            ? null
                            : new Latency(latency.p50Ms(), latency.p95Ms(), latency.maxMs(), latency.sampled()));
        }
    }

    /** Latency from enqueue to the end of the last attempt of the tasks completed in a minute. */
    @Schema(
            name = "StatsLatency",
            requiredProperties = {"p50Ms", "p95Ms", "maxMs", "sampled"})
    record Latency(
            long p50Ms,
            long p95Ms,
            long maxMs,

            @Schema(description = "Tasks measured: all of the minute's, or its first 200")
            int sampled) {}
}
