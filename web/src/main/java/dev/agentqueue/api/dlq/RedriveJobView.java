package dev.agentqueue.api.dlq;

import dev.agentqueue.dlq.redrive.RedriveJob;
import dev.agentqueue.dlq.redrive.RedriveJobState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A redrive job as the API shows it: what it redrives, where it is and how far it got. */
@Schema(
        name = "RedriveJob",
        requiredProperties = {"id", "state", "filter", "canary", "confirm", "cutoff", "redriven", "createdAt"})
record RedriveJobView(
        @Schema(format = "uuid") String id,
        RedriveJobState state,
        DlqSchemas.Filter filter,

        @Schema(nullable = true, description = "Only letters of this classification (breaker-close redrives)")
        String classification,

        @Schema(description = "Tasks in the canary; 0 for none")
        int canary,

        @Schema(description = "Whether the rest waits for a confirmation after the canary")
        boolean confirm,

        @Schema(format = "date-time", description = "Only letters dead-lettered up to this time are redriven")
        String cutoff,

        @Schema(description = "Letters redriven so far, the canary's included")
        long redriven,

        @Schema(nullable = true, description = "About how many letters matched at the start; null when not counted")
        Long expected,

        @Schema(description = "The canary's task ids") List<String> canaryTaskIds,
        @Schema(nullable = true) String requestedBy,

        @Schema(nullable = true, description = "Why the job is where it is")
        String message,

        @Schema(format = "date-time") String createdAt,
        @Schema(format = "date-time") String updatedAt) {

    static RedriveJobView of(RedriveJob job) {
        return new RedriveJobView(
                job.id(),
                job.state(),
                new DlqSchemas.Filter(
                        job.spec().filter().contract(),
                        job.spec().filter().agent(),
                        job.spec().filter().fingerprint()),
                job.spec().classification() == null
                        ? null
                        : job.spec().classification().name(),
                job.spec().canary(),
                job.spec().confirm(),
                iso(job.cutoff()),
                job.redriven(),
                job.expected() < 0 ? null : job.expected(),
                job.canaryTaskIds(),
                job.spec().requestedBy(),
                job.message(),
                iso(job.createdAt()),
                iso(job.updatedAt()));
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
