package dev.agentqueue.api.breaker;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.breaker.SharedBreakers;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
        return JsonRecords.write(new BreakerSchemas.Listing(
                breakers.list().stream().map(BreakerSchemas.Breaker::of).toList()));
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
                .map(BreakerSchemas.Breaker::of)
                .map(JsonRecords::write)
                .orElseThrow(() -> ApiException.notFound("No circuit breaker named '" + name + "'"));
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
}
