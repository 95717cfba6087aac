package dev.agentqueue.api.breaker;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.breaker.BreakerParameters;
import dev.agentqueue.breaker.BreakerSnapshot;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /breakers}: lists the shared circuit breakers with their state, counts and parameters; resets one. */
@Path("breakers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Breakers")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
public class BreakerResource {

    @Inject
    SharedBreakers breakers;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @SecurityRequirement(
            name = ApiApplication.BASIC,
            scopes = {Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "listBreakers", summary = "List the shared circuit breakers used so far")
    @APIResponse(
            responseCode = "200",
            description = "The breakers with state, counts and parameters",
            content = @Content(schema = @Schema(implementation = BreakerSchemas.Listing.class)))
    public String list() {
        JsonArrayBuilder items = Jsons.array();
        breakers.list().forEach(b -> items.add(json(b)));
        return Jsons.object().add("items", items).build().toString();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @SecurityRequirement(
            name = ApiApplication.BASIC,
            scopes = {Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "getBreaker", summary = "Read one shared circuit breaker")
    @APIResponse(
            responseCode = "200",
            description = "The breaker",
            content = @Content(schema = @Schema(implementation = BreakerSchemas.Breaker.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public String get(@PathParam("name") String name) {
        return breakers.find(name)
                .map(BreakerResource::json)
                .orElseThrow(() -> ApiException.notFound("No circuit breaker named '" + name + "'"))
                .toString();
    }

    @POST
    @Path("{name}/reset")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "resetBreaker", summary = "Close a breaker with an empty window and zero counts")
    @APIResponse(
            responseCode = "200",
            description = "The breaker after the reset",
            content = @Content(schema = @Schema(implementation = BreakerSchemas.Breaker.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public String reset(@PathParam("name") String name) {
        if (!breakers.reset(name)) {
            throw ApiException.notFound("No circuit breaker named '" + name + "'");
        }
        return get(name);
    }

    static JsonObject json(BreakerSnapshot b) {
        BreakerParameters p = b.parameters();
        JsonObjectBuilder json = Jsons.object()
                .add("name", b.name())
                .add("state", b.state().name())
                .add(
                        "counts",
                        Jsons.object()
                                .add("windowSize", b.windowSize())
                                .add("windowFailures", b.windowFailures())
                                .add("calls", b.calls())
                                .add("successes", b.successes())
                                .add("failures", b.failures())
                                .add("rejected", b.rejected())
                                .add("opens", b.opens()))
                .add(
                        "parameters",
                        Jsons.object()
                                .add("requestVolumeThreshold", p.requestVolumeThreshold())
                                .add("failureRatio", p.failureRatio())
                                .add("delayMs", p.delay().toMillis())
                                .add("successThreshold", p.successThreshold())
                                .add("probeLeaseMs", p.probeLease().toMillis()));
        time(json, "openedAt", b.openedAt());
        time(json, "nextHalfOpenAt", b.nextHalfOpenAt());
        return json.build();
    }

    private static void time(JsonObjectBuilder json, String name, Instant value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.toString());
        }
    }
}
