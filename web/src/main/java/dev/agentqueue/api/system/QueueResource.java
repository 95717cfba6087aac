package dev.agentqueue.api.system;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.broker.QueueStats;
import dev.agentqueue.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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

/** {@code /queues}: the broker's counters for the task queue and its dead-letter queue. */
@Path("queues")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    @Inject
    BrokerManagement broker;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Tag(name = "Queues")
    @Operation(operationId = "getQueues", summary = "Read the broker's counters of the task queue and the DLQ")
    @APIResponse(
            responseCode = "200",
            description = "The counters",
            content = @Content(schema = @Schema(implementation = SystemSchemas.Queues.class)))
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public String queues() {
        return Jsons.object()
                .add("tasks", json(broker.taskQueue()))
                .add("deadLetter", json(broker.deadLetterQueue()))
                .build()
                .toString();
    }

    static JsonObject json(QueueStats stats) {
        return Jsons.object()
                .add("address", stats.name())
                .add("depth", stats.messageCount())
                .add("scheduled", stats.scheduledCount())
                .add("delivering", stats.deliveringCount())
                .add("consumers", stats.consumerCount())
                .add("messagesAdded", stats.messagesAdded())
                .add("messagesAcknowledged", stats.messagesAcknowledged())
                .add("messagesKilled", stats.messagesKilled())
                .add("paused", stats.paused())
                .build();
    }
}
