package dev.agentqueue.api.task;

import dev.agentqueue.api.ApiApplication;
import dev.agentqueue.api.openapi.ProblemResponses;
import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.Page;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.events.TaskEvents;
import dev.agentqueue.producer.Enqueued;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.support.JsonRecords;
import dev.agentqueue.task.TaskIndex;
import dev.agentqueue.task.TaskPage;
import dev.agentqueue.task.TaskQuery;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
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

/** {@code /tasks}: enqueue, list, read and cancel tasks. */
@Path("tasks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
public class TaskResource {

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Inject
    TaskIndex index;

    @Inject
    TaskEvents events;

    @Resource
    ManagedExecutorService executor;

    @Context
    UriInfo uri;

    /** Enqueues a task; answers 202 with its location and record (the first task's, for a repeated idempotency key). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRODUCER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.PRODUCER)
    @Operation(operationId = "enqueueTask", summary = "Enqueue a task")
    @APIResponse(
            responseCode = "202",
            description = "Accepted (for a repeated idempotency key: the first task, nothing new enqueued)",
            headers = {
                @Header(
                        name = "Location",
                        description = "The task's URL",
                        schema = @Schema(implementation = String.class)),
                @Header(
                        name = "Idempotent-Replayed",
                        description = "true when the idempotency key was seen before",
                        schema = @Schema(implementation = String.class))
            },
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "429", ref = ProblemResponses.QUEUE_FULL)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response enqueue(
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TaskSchemas.Request.class)))
                    String body,
            @Parameter(description = "Makes a retried enqueue safe: the same key within 24 h returns the first task")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        Enqueued enqueued = queue.submit(TaskRequestParser.parse(body, idempotencyKey));
        TaskReceipt receipt = enqueued.receipt();
        TaskSnapshot task =
                enqueued.task().orElseThrow(() -> ApiException.notFound("Task " + receipt.id() + " is gone already"));
        Response.ResponseBuilder response = Response.accepted(JsonRecords.write(TaskView.of(task)))
                .location(uri.getAbsolutePathBuilder().path(receipt.id()).build());
        if (receipt.duplicate()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    /**
     * Enqueues up to 1,000 tasks all or nothing, in one Redis call and one JMS transaction; answers 202 with one
     * receipt per task, in order. Idempotency keys count per task. A refused batch enqueues nothing and its 400
     * problem names every refused task.
     */
    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRODUCER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.PRODUCER)
    @Operation(operationId = "enqueueTasks", summary = "Enqueue a batch of tasks, all or nothing")
    @APIResponse(
            responseCode = "202",
            description = "Accepted: one receipt per task, in the order sent",
            content = @Content(schema = @Schema(implementation = TaskSchemas.Batch.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "429", ref = ProblemResponses.QUEUE_FULL)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response enqueueBatch(
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TaskSchemas.BatchRequest.class)))
                    String body) {
        List<TaskSchemas.Receipt> receipts = queue.submitAll(TaskRequestParser.parseBatch(body)).stream()
                .map(r -> new TaskSchemas.Receipt(r.id(), r.state(), r.duplicate()))
                .toList();
        return Response.accepted(JsonRecords.write(new TaskSchemas.Batch(receipts)))
                .build();
    }

    /** Lists tasks newest first, from the Redis indexes, optionally by state, contract and agent. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "listTasks", summary = "List tasks newest first")
    @APIResponse(
            responseCode = "200",
            description = "A page of tasks",
            content = @Content(schema = @Schema(implementation = TaskSchemas.Page.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public String list(
            @Parameter(schema = @Schema(implementation = TaskState.class)) @QueryParam("state") String state,
            @QueryParam("contract") String contract,
            @QueryParam("agent") String agent,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        TaskPage page = index.list(new TaskQuery(
                state(state),
                QueryParams.name("contract", contract),
                QueryParams.name("agent", agent),
                QueryParams.limit(limit, TaskQuery.DEFAULT_LIMIT, TaskQuery.MAX_LIMIT),
                QueryParams.cursor(cursor)));
        return JsonRecords.write(
                new Page<>(page.tasks().stream().map(TaskView::of).toList(), page.nextCursor()));
    }

    /**
     * Returns one task; with {@code wait}, as soon as it settles or when the wait is over, whichever comes first,
     * without holding a request thread meanwhile.
     */
    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.VIEWER)
    @Operation(operationId = "getTask", summary = "Read one task")
    @APIResponse(
            responseCode = "200",
            description = "The task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public void get(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(
                            description = "Wait up to this long (such as 30s; at most 60s) for the task to settle",
                            schema = @Schema(type = SchemaType.STRING, examples = "30s"))
                    @QueryParam("wait")
                    String wait,
            @Suspended AsyncResponse response) {
        QueryParams.taskId(id);
        if (wait == null) {
            response.resume(read(id));
            return;
        }
        TaskWait.answer(store, events, executor, response, id, TaskWait.parse(wait));
    }

    private String read(String id) {
        return store.find(id)
                .map(TaskView::of)
                .map(JsonRecords::write)
                .orElseThrow(() -> ApiException.notFound("No task " + id));
    }

    /**
     * Cancels a task that is queued or waiting for its next attempt; the worker skips its message. Other states
     * answer 409 and nothing changes.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = ApiApplication.BASIC, scopes = Roles.ADMIN)
    @Operation(operationId = "cancelTask", summary = "Cancel a QUEUED or FAILED task")
    @APIResponse(
            responseCode = "200",
            description = "The cancelled task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public String cancel(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        QueryParams.taskId(id);
        TransitionOutcome outcome = store.cancel(id, System.currentTimeMillis());
        if (outcome.result() == TransitionOutcome.Result.MISSING) {
            throw ApiException.notFound("No task " + id);
        }
        if (!outcome.applied()) {
            throw ApiException.conflict(
                    "Task " + id + " is " + outcome.previousState() + "; only QUEUED or FAILED tasks can be cancelled");
        }
        return read(id);
    }

    private static TaskState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return TaskState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state", "state must be one of " + Arrays.toString(TaskState.values()));
        }
    }
}
