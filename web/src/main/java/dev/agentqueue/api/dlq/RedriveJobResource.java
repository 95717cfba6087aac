package dev.agentqueue.api.dlq;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Callers;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.dlq.redrive.RedriveJob;
import dev.agentqueue.dlq.redrive.RedriveJobStore;
import dev.agentqueue.dlq.redrive.RedriveJobs;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /dlq/redrive-jobs}: redrives by filter run as tracked jobs, with a canary first (admins start, confirm and
 * cancel them; viewers read their progress).
 */
@Path("dlq/redrive-jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
public class RedriveJobResource {

    @Inject
    RedriveJobs jobs;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    /** Starts a redrive job; answers 202 with its location and first state. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "startRedriveJob", summary = "Redrive dead letters by filter as a job, canary first")
    @APIResponse(
            responseCode = "202",
            description = "The job, started",
            headers = @Header(name = "Location", schema = @Schema(implementation = String.class)),
            content = @Content(schema = @Schema(implementation = RedriveJobView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response start(
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = DlqSchemas.JobRequest.class)))
                    String body) {
        RedriveJob job = jobs.start(RedriveJobRequest.parse(body, Callers.name(security)));
        return Response.accepted(JsonRecords.write(RedriveJobView.of(job)))
                .location(uri.getAbsolutePathBuilder().path(job.id()).build())
                .build();
    }

    /** Reads a job's progress. */
    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "getRedriveJob", summary = "Read a redrive job's progress")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(schema = @Schema(implementation = RedriveJobView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public String get(@PathParam("id") String id) {
        return JsonRecords.write(RedriveJobView.of(find(id)));
    }

    /** Lets the rest of a job follow its canary. */
    @POST
    @Path("{id}/confirm")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "confirmRedriveJob", summary = "Redrive the rest after a redrive job's canary")
    @APIResponse(
            responseCode = "200",
            description = "The job, going on",
            content = @Content(schema = @Schema(implementation = RedriveJobView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String confirm(@PathParam("id") String id) {
        return answer(id, jobs.confirm(id), "is not waiting for a confirmation");
    }

    /** Cancels a job; what it redrove stays redriven. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "cancelRedriveJob", summary = "Cancel a redrive job")
    @APIResponse(
            responseCode = "200",
            description = "The job, cancelled",
            content = @Content(schema = @Schema(implementation = RedriveJobView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String cancel(@PathParam("id") String id) {
        return answer(id, jobs.cancel(id, Callers.name(security)), "has ended already");
    }

    private String answer(String id, RedriveJobStore.Move move, String refusal) {
        if (move == RedriveJobStore.Move.REFUSED) {
            RedriveJob job = find(id);
            throw ApiException.conflict("Redrive job " + id + " " + refusal + " (" + job.state() + ")");
        }
        return get(id);
    }

    private RedriveJob find(String id) {
        return jobs.find(id).orElseThrow(() -> ApiException.notFound("No redrive job " + id));
    }
}
