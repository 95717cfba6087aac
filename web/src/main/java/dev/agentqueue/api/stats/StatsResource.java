package dev.agentqueue.api.stats;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.stats.ThroughputHistory;
import dev.agentqueue.stats.ThroughputSampler;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /stats}: the tasks in each state and the last hour's throughput and latency, minute by minute. */
@Path("stats")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    ThroughputHistory history;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @SecurityRequirement(
            name = ApiApplication.BASIC,
            scopes = {Roles.VIEWER, Roles.ADMIN})
    @Tag(name = "Statistics")
    @Operation(operationId = "getStats", summary = "Read the tasks per state and the last hour's minutes")
    @APIResponse(
            responseCode = "200",
            description = "The states and the minutes",
            content = @Content(schema = @Schema(implementation = StatsSchemas.Stats.class)))
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public String stats() {
        return JsonRecords.write(new StatsSchemas.Stats(
                history.stateCounts(),
                history.lastHour(System.currentTimeMillis()).stream()
                        .map(StatsSchemas.Minute::of)
                        .toList(),
                ThroughputSampler.PERIOD_SECONDS));
    }
}
