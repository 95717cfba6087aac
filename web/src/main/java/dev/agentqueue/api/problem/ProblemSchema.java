package dev.agentqueue.api.problem;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of a {@link Problem} as the OpenAPI document describes it; {@link Problem#toJson()} writes it. */
@Schema(
        name = ProblemSchema.NAME,
        description = "An RFC 9457 problem detail (application/problem+json)",
        requiredProperties = {"type", "title", "status"})
public record ProblemSchema(
        @Schema(
                description = "urn:agentqueue:problem: followed by the kind",
                examples = "urn:agentqueue:problem:not-found")
        String type,

        String title,
        int status,

        @Schema(description = "What went wrong in this case")
        String detail,

        @Schema(description = "The request field at fault, for an invalid request")
        String field,

        @Schema(description = "The task ids a dead-letter operation refused (nothing was changed)")
        List<String> taskIds,

        @Schema(description = "Every refused task of a batch (none was enqueued)")
        List<ItemError> errors) {

    /** Why one task of a batch was refused. */
    @Schema(
            name = "BatchItemError",
            requiredProperties = {"index", "message"})
    public record ItemError(
            @Schema(description = "The task's position in the batch, from 0")
            int index,

            @Schema(description = "The task's field at fault")
            String field,

            String message) {}

    /** The schema's name in the document's components. */
    public static final String NAME = "Problem";
}
