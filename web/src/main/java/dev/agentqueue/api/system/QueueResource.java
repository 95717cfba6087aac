package dev.agentqueue.api.system;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.reconcile.LostMessageReconciler;
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

/**
 * {@code /queues}: the broker's counters for the task queue and its dead-letter queue, and what this node's
 * reconciler of lost messages has done.
 */
@Path("queues")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    @Inject
    BrokerManagement broker;

    @Inject
    LostMessageReconciler reconciler;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Tag(name = "Queues")
    @Operation(
            operationId = "getQueues",
            summary = "Read the broker's counters of the task queue and the DLQ, and the reconciler's counts")
    @APIResponse(
            responseCode = "200",
            description = "The counters",
            content = @Content(schema = @Schema(implementation = SystemSchemas.Queues.class)))
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public String queues() {
        return JsonRecords.write(new SystemSchemas.Queues(
                SystemSchemas.QueueCounters.of(broker.taskQueue()),
                SystemSchemas.QueueCounters.of(broker.deadLetterQueue()),
                SystemSchemas.Reconciliation.of(reconciler.status())));
    }
}
