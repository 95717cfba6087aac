package dev.agentqueue.api.stats;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.stats.LatencySummary;
import dev.agentqueue.stats.MinuteStats;
import dev.agentqueue.stats.ThroughputHistory;
import dev.agentqueue.stats.ThroughputSampler;
import dev.agentqueue.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
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
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public String stats() {
        JsonObjectBuilder states = Jsons.object();
        history.stateCounts().forEach((state, count) -> states.add(state.name(), count));
        JsonArrayBuilder minutes = Jsons.array();
        history.lastHour(System.currentTimeMillis()).forEach(minute -> minutes.add(json(minute)));
        return Jsons.object()
                .add("states", states)
                .add("minutes", minutes)
                .add("sampleSeconds", ThroughputSampler.PERIOD_SECONDS)
                .build()
                .toString();
    }

    static JsonObject json(MinuteStats minute) {
        LatencySummary latency = minute.latency();
        return Jsons.object()
                .add("start", Instant.ofEpochMilli(minute.startMs()).toString())
                .add("added", minute.added())
                .add("acknowledged", minute.acknowledged())
                .add("completed", minute.completed())
                .add("deadLettered", minute.deadLettered())
                .add(
                        "latency",
                        latency == null
                                ? JsonValue.NULL
                                : Jsons.object()
                                        .add("p50Ms", latency.p50Ms())
                                        .add("p95Ms", latency.p95Ms())
                                        .add("maxMs", latency.maxMs())
                                        .add("sampled", latency.sampled())
                                        .build())
                .build();
    }
}
