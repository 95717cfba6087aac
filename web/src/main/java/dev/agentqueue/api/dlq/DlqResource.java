package dev.agentqueue.api.dlq;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.Page;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.dlq.DeadLetterPage;
import dev.agentqueue.dlq.DeadLetterQueue;
import dev.agentqueue.dlq.FingerprintCount;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.ErrorClassification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /dlq}: list and summarize dead letters (viewers), redrive and purge them (admins). */
@Path("dlq")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
public class DlqResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @Inject
    DeadLetterQueue dlq;

    /** Lists dead letters oldest first, each with its task's record (error and attempt history). */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "listDeadLetters", summary = "List dead letters oldest first, with their tasks")
    @APIResponse(
            responseCode = "200",
            description = "A page of dead letters",
            content = @Content(schema = @Schema(implementation = DlqSchemas.Page.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String list(
            @QueryParam("contract") String contract,
            @QueryParam("agent") String agent,
            @Parameter(description = "An error fingerprint (see the summary)") @QueryParam("fingerprint")
                    String fingerprint,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        DeadLetterFilter filter = new DeadLetterFilter(
                QueryParams.name("contract", contract),
                QueryParams.name("agent", agent),
                QueryParams.name("fingerprint", fingerprint),
                null);
        DeadLetterPage page =
                dlq.list(filter, QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), QueryParams.cursor(cursor));
        return JsonRecords.write(
                new Page<>(page.entries().stream().map(LetterView::of).toList(), page.nextCursor()));
    }

    /** Counts dead letters by error fingerprint: one line per root cause, the largest first. */
    @GET
    @Path("summary")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "summarizeDeadLetters", summary = "Count dead letters by error fingerprint")
    @APIResponse(
            responseCode = "200",
            description = "One group per root cause, the largest first",
            content = @Content(schema = @Schema(implementation = DlqSchemas.Summary.class)))
    public String summary() {
        List<FingerprintCount> groups = dlq.summary();
        long total = groups.stream().mapToLong(FingerprintCount::count).sum();
        return JsonRecords.write(new DlqSchemas.Summary(
                total, groups.stream().map(DlqResource::group).toList()));
    }

    /** Sends dead letters back to the task queue with a fresh attempt budget; answers how many went. */
    @POST
    @Path("redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "redriveDeadLetters", summary = "Send dead letters back with a fresh attempt budget")
    @APIResponse(
            responseCode = "200",
            description = "How many were redriven",
            content = @Content(schema = @Schema(implementation = DlqSchemas.Redriven.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String redrive(
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = DlqSchemas.Selection.class)))
                    String body) {
        DlqRequest request = DlqRequest.redrive(body);
        int count = request.ids() != null ? dlq.redrive(request.ids()) : dlq.redrive(request.filter());
        return JsonRecords.write(new DlqSchemas.Redriven(count));
    }

    /** Removes dead letters for good (their tasks become {@code PURGED}); answers how many were removed. */
    @POST
    @Path("purge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "purgeDeadLetters", summary = "Remove dead letters for good; their tasks become PURGED")
    @APIResponse(
            responseCode = "200",
            description = "How many were removed",
            content = @Content(schema = @Schema(implementation = DlqSchemas.Purged.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String purge(
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = DlqSchemas.PurgeSelection.class)))
                    String body) {
        DlqRequest request = DlqRequest.purge(body);
        int count = request.ids() != null ? dlq.purge(request.ids()) : dlq.purge(request.filter());
        return JsonRecords.write(new DlqSchemas.Purged(count));
    }

    private static DlqSchemas.Group group(FingerprintCount group) {
        return new DlqSchemas.Group(
                group.fingerprint(),
                group.count(),
                group.line(),
                ErrorClassification.valueOf(group.classification()),
                group.errorType(),
                group.sampleMessage(),
                iso(group.firstDeadLetteredAt()),
                iso(group.lastDeadLetteredAt()));
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
