package dev.agentqueue.api.flow;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.flow.FlowQueue;
import dev.agentqueue.flow.FlowSnapshot;
import dev.agentqueue.flow.FlowStore;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /flows}: start, read and cancel flows of tasks (chains, fan-outs, fan-ins). */
@Path("flows")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Flows")
public class FlowResource {

    @Inject
    FlowQueue flows;

    @Inject
    TaskStore tasks;

    @Context
    UriInfo uri;

    /** Starts a flow; answers 202 with its location and its steps, the first ones on the queue already. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRODUCER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.PRODUCER)
    @Operation(operationId = "startFlow", summary = "Start a flow of tasks")
    @APIResponse(
            responseCode = "202",
            description = "Started: the steps that wait for nothing are queued",
            headers =
                    @Header(
                            name = "Location",
                            description = "The flow's URL",
                            schema = @Schema(implementation = String.class)),
            content = @Content(schema = @Schema(implementation = FlowView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "429", ref = ProblemResponses.QUEUE_FULL)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response start(
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = FlowSchemas.Request.class)))
                    String body) {
        FlowSnapshot flow = flows.start(FlowRequestParser.parse(body));
        return Response.accepted(JsonRecords.write(view(flow)))
                .location(uri.getAbsolutePathBuilder().path(flow.id()).build())
                .build();
    }

    /** Returns one flow with the state of each step. */
    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "getFlow", summary = "Read one flow and its steps")
    @APIResponse(
            responseCode = "200",
            description = "The flow",
            content = @Content(schema = @Schema(implementation = FlowView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public String get(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        QueryParams.id("flow", id);
        return flows.find(id)
                .map(this::view)
                .map(JsonRecords::write)
                .orElseThrow(() -> ApiException.notFound("No flow " + id));
    }

    /**
     * Cancels a flow that has not settled: no further step is released, and the tasks of released steps that have not
     * started are cancelled. A settled flow answers 409 and nothing changes.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "cancelFlow", summary = "Cancel a RUNNING or BLOCKED flow")
    @APIResponse(
            responseCode = "200",
            description = "The cancelled flow",
            content = @Content(schema = @Schema(implementation = FlowView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String cancel(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        QueryParams.id("flow", id);
        FlowStore.Cancellation cancellation = flows.cancel(id);
        switch (cancellation.outcome()) {
            case MISSING -> throw ApiException.notFound("No flow " + id);
            case SETTLED ->
                throw ApiException.conflict("Flow " + id + " is " + cancellation.previous()
                        + "; only RUNNING or BLOCKED flows can be cancelled");
            default -> {
                return get(id);
            }
        }
    }

    private FlowView view(FlowSnapshot flow) {
        return FlowView.of(flow, taskId -> tasks.find(taskId).map(TaskSnapshot::state));
    }
}
