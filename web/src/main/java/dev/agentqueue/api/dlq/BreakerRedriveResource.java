package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.agent.AgentModels;
import dev.agentqueue.agent.AgentRegistry;
import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Callers;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.dlq.redrive.BreakerRedrive;
import dev.agentqueue.dlq.redrive.BreakerRedrives;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /dlq/breaker-redrives}: standing orders to redrive an agent's or a fingerprint group's retryable letters,
 * canary first, when the provider's breaker closes again (admins place and withdraw them; viewers list them).
 */
@Path("dlq/breaker-redrives")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
public class BreakerRedriveResource {

    private static final ObjectReader READER = JsonBodies.reader(DlqSchemas.BreakerRedriveRequest.class);

    @Inject
    BreakerRedrives orders;

    @Inject
    AgentRegistry agents;

    @Context
    SecurityContext security;

    /** Places an order. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "placeBreakerRedrive", summary = "Redrive a group when its provider's breaker closes")
    @APIResponse(
            responseCode = "201",
            description = "The order",
            content = @Content(schema = @Schema(implementation = BreakerRedrive.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response place(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(schema = @Schema(implementation = DlqSchemas.BreakerRedriveRequest.class)))
                    String body) {
        DlqSchemas.BreakerRedriveRequest json = JsonBodies.read(body, READER);
        String agent = QueryParams.name("agent", json.agent());
        String fingerprint = QueryParams.name("fingerprint", json.fingerprint());
        if ((agent == null) == (fingerprint == null)) {
            throw ApiException.badRequest(null, "Send exactly one of agent or fingerprint");
        }
        String breaker = QueryParams.name("breaker", json.breaker());
        if (breaker == null && agent != null) {
            breaker = agents.find(agent)
                    .map(AgentModels::breakerName)
                    .orElseThrow(() -> ApiException.badRequest("agent", "No agent named " + agent));
        }
        if (breaker == null) {
            throw ApiException.badRequest("breaker", "An order for a fingerprint names the breaker to watch");
        }
        BreakerRedrive order = orders.place(
                agent, fingerprint, breaker, RedriveJobRequest.canary(json.canary(), 1), Callers.name(security));
        return Response.status(Response.Status.CREATED)
                .entity(JsonRecords.write(order))
                .build();
    }

    /** Lists the orders. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "listBreakerRedrives", summary = "List the orders to redrive when a breaker closes")
    @APIResponse(
            responseCode = "200",
            description = "The orders",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BreakerRedrive.class)))
    public String list() {
        return JsonRecords.write(orders.list());
    }

    /** Withdraws an order; a job it started runs on (cancel it separately). */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "withdrawBreakerRedrive", summary = "Withdraw an order to redrive when a breaker closes")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response withdraw(@PathParam("id") String id) {
        if (!orders.withdraw(id)) {
            throw ApiException.notFound("No breaker redrive " + id);
        }
        return Response.noContent().build();
    }
}
