package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Callers;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.dlq.edit.PayloadEdit;
import dev.agentqueue.dlq.triage.DeadLetterConsole;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /dlq/letters/{taskId}/redrive}: an admin redrives one dead letter with its payload replaced or patched. */
@Path("dlq/letters/{taskId}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
public class DeadLetterEditResource {

    private static final ObjectReader READER = JsonBodies.reader(TriageSchemas.Edit.class);

    @Inject
    DeadLetterConsole console;

    /** Redrives one dead letter with an edited payload, checked as at enqueue; a refused edit changes nothing. */
    @POST
    @Path("redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(
            operationId = "redriveEditedDeadLetter",
            summary = "Redrive one dead letter with its payload replaced or merge-patched")
    @APIResponse(
            responseCode = "200",
            description = "Redriven with the new payload",
            content = @Content(schema = @Schema(implementation = TriageSchemas.EditRedriven.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String redrive(
            @PathParam("taskId") String taskId,
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TriageSchemas.Edit.class)))
                    String body,
            @Context SecurityContext security) {
        if (!TaskIds.isValid(taskId)) {
            throw ApiException.badRequest("taskId", "taskId must be a task id");
        }
        PayloadEdit edit = edit(body);
        console.redriveEdited(taskId, edit, Callers.name(security));
        return JsonRecords.write(new TriageSchemas.EditRedriven(taskId, edit.kind()));
    }

    /** Reads the body: exactly one of a new payload or a merge patch, each a JSON object. */
    static PayloadEdit edit(String body) {
        TriageSchemas.Edit json = JsonBodies.read(body, READER);
        if ((json.payload() == null) == (json.patch() == null)) {
            throw ApiException.badRequest(null, "Send exactly one of payload or patch");
        }
        return json.payload() != null ? PayloadEdit.replace(json.payload()) : PayloadEdit.mergePatch(json.patch());
    }
}
