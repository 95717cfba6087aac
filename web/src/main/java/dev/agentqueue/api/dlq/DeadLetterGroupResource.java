package dev.agentqueue.api.dlq;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.security.Callers;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.JsonBodies;
import dev.agentqueue.dlq.triage.DeadLetterConsole;
import dev.agentqueue.dlq.triage.TriageState;
import dev.agentqueue.support.JsonRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /dlq/groups}: the triage state of dead-letter groups (one per error fingerprint): viewers read it, admins set
 * a note, an investigation mark or a mute, each recorded with who and when.
 */
@Path("dlq/groups")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
public class DeadLetterGroupResource {

    private static final ObjectReader NOTE = JsonBodies.reader(TriageSchemas.Note.class);

    private static final String FINGERPRINT = "An error fingerprint (see the summary): 16 lower-case hex digits";

    @Inject
    DeadLetterConsole console;

    /** Lists the groups with a note, an investigation mark or a mute. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "listTriagedDeadLetterGroups", summary = "List dead-letter groups with triage state")
    @APIResponse(
            responseCode = "200",
            description = "The groups with a note, an investigation mark or a mute",
            content = @Content(schema = @Schema(implementation = TriageSchemas.TriageList.class)))
    public String list() {
        return JsonRecords.write(new Groups(console.triagedGroups()));
    }

    /** Returns one group's triage state and alert counts. */
    @GET
    @Path("{fingerprint}")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "getDeadLetterGroupTriage", summary = "Read a dead-letter group's triage state")
    @APIResponse(
            responseCode = "200",
            description = "The group's triage state",
            content = @Content(schema = @Schema(implementation = TriageSchemas.Triage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String get(@Parameter(description = FINGERPRINT) @PathParam("fingerprint") String fingerprint) {
        return JsonRecords.write(console.group(fingerprint));
    }

    /** Sets the group's note; a blank note removes it. */
    @PUT
    @Path("{fingerprint}/note")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "noteDeadLetterGroup", summary = "Set a dead-letter group's note")
    @APIResponse(
            responseCode = "200",
            description = "The group's triage state",
            content = @Content(schema = @Schema(implementation = TriageSchemas.Triage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String note(
            @Parameter(description = FINGERPRINT) @PathParam("fingerprint") String fingerprint,
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TriageSchemas.Note.class)))
                    String body,
            @Context SecurityContext security) {
        TriageSchemas.Note json = JsonBodies.read(body, NOTE);
        if (json.note() == null) {
            throw JsonBodies.invalid("note", "must be a string");
        }
        return JsonRecords.write(console.note(fingerprint, json.note(), Callers.name(security)));
    }

    /** Marks the group as under investigation by the caller. */
    @PUT
    @Path("{fingerprint}/investigation")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "investigateDeadLetterGroup", summary = "Mark a dead-letter group as under investigation")
    @APIResponse(
            responseCode = "200",
            description = "The group's triage state",
            content = @Content(schema = @Schema(implementation = TriageSchemas.Triage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String investigate(
            @Parameter(description = FINGERPRINT) @PathParam("fingerprint") String fingerprint,
            @Context SecurityContext security) {
        return JsonRecords.write(console.investigate(fingerprint, Callers.name(security)));
    }

    /** Takes the investigation mark off the group. */
    @DELETE
    @Path("{fingerprint}/investigation")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "stopInvestigatingDeadLetterGroup", summary = "Take a group's investigation mark off")
    @APIResponse(
            responseCode = "200",
            description = "The group's triage state",
            content = @Content(schema = @Schema(implementation = TriageSchemas.Triage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String stopInvestigating(
            @Parameter(description = FINGERPRINT) @PathParam("fingerprint") String fingerprint) {
        return JsonRecords.write(console.stopInvestigating(fingerprint));
    }

    /** Mutes the group: its dead letters still land, but raise no alert. */
    @PUT
    @Path("{fingerprint}/mute")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "muteDeadLetterGroup", summary = "Mute a dead-letter group's alerts")
    @APIResponse(
            responseCode = "200",
            description = "The group's triage state",
            content = @Content(schema = @Schema(implementation = TriageSchemas.Triage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String mute(
            @Parameter(description = FINGERPRINT) @PathParam("fingerprint") String fingerprint,
            @Context SecurityContext security) {
        return JsonRecords.write(console.mute(fingerprint, Callers.name(security)));
    }

    /** Lets the group alert again. */
    @DELETE
    @Path("{fingerprint}/mute")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "unmuteDeadLetterGroup", summary = "Let a muted dead-letter group alert again")
    @APIResponse(
            responseCode = "200",
            description = "The group's triage state",
            content = @Content(schema = @Schema(implementation = TriageSchemas.Triage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String unmute(@Parameter(description = FINGERPRINT) @PathParam("fingerprint") String fingerprint) {
        return JsonRecords.write(console.unmute(fingerprint));
    }

    /** The answer of the list. */
    private record Groups(List<TriageState> groups) {}
}
