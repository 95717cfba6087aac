package dev.agentqueue.api.task;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.events.TaskEvent;
import dev.agentqueue.events.TaskEvents;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /tasks/{id}/events}: a task's live events as Server-Sent Events, from any node. */
@Path("tasks/{id}/events")
@ApplicationScoped
@Tag(name = "Tasks")
public class TaskEventsResource {

    @Inject
    TaskStore store;

    @Inject
    TaskEvents events;

    @Resource
    ManagedExecutorService executor;

    /**
     * Streams a task's events (state changes, attempt starts and ends, progress, a chat model's output as it comes)
     * until the task settles, then ends the stream. {@code Last-Event-ID} resumes after the event it names.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "streamTaskEvents", summary = "Follow a task's live events (Server-Sent Events)")
    @APIResponse(
            responseCode = "200",
            description = "An event stream: each event's name is its type (state, attempt-started, attempt-ended,"
                    + " progress, output), its data a JSON object and its id the position to resume after; it ends"
                    + " after the event that settles the task",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "204",
            description = "The task settled and no event is left after Last-Event-ID: nothing to reconnect for")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public void events(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "The id of the last event received; the stream resumes after it")
                    @HeaderParam("Last-Event-ID")
                    String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        QueryParams.taskId(id);
        if (lastEventId != null && !TaskEvent.isValidId(lastEventId)) {
            throw ApiException.badRequest("Last-Event-ID", "Last-Event-ID must be an event id this stream sent");
        }
        TaskSnapshot task = store.find(id).orElseThrow(() -> ApiException.notFound("No task " + id));
        new TaskEventStream(store, sink, sse, executor, id)
                .start(events, task, lastEventId == null ? TaskEvents.START : lastEventId);
    }
}
