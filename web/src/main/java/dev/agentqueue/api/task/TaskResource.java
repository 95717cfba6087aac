package dev.agentqueue.api.task;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.api.security.Roles;
import dev.agentqueue.api.support.PageJson;
import dev.agentqueue.api.support.QueryParams;
import dev.agentqueue.producer.Enqueued;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.support.Jsons;
import dev.agentqueue.task.TaskIndex;
import dev.agentqueue.task.TaskPage;
import dev.agentqueue.task.TaskQuery;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskState;
import dev.agentqueue.task.TaskStore;
import dev.agentqueue.task.TransitionOutcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;

/** {@code /tasks}: enqueue, list, read and cancel tasks. */
@Path("tasks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Inject
    TaskIndex index;

    @Context
    UriInfo uri;

    /** Enqueues a task; answers 202 with its location and record (the first task's, for a repeated idempotency key). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRODUCER)
    public Response enqueue(String body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Enqueued enqueued = queue.submit(TaskRequestParser.parse(body, idempotencyKey));
        TaskReceipt receipt = enqueued.receipt();
        TaskSnapshot task =
                enqueued.task().orElseThrow(() -> ApiException.notFound("Task " + receipt.id() + " is gone already"));
        Response.ResponseBuilder response = Response.accepted(TaskJson.of(task).toString())
                .location(uri.getAbsolutePathBuilder().path(receipt.id()).build());
        if (receipt.duplicate()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    /** Lists tasks newest first, from the Redis indexes, optionally by state, contract and agent. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public String list(
            @QueryParam("state") String state,
            @QueryParam("contract") String contract,
            @QueryParam("agent") String agent,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        TaskPage page = index.list(new TaskQuery(
                state(state),
                QueryParams.name("contract", contract),
                QueryParams.name("agent", agent),
                QueryParams.limit(limit, TaskQuery.DEFAULT_LIMIT, TaskQuery.MAX_LIMIT),
                QueryParams.cursor(cursor)));
        JsonArrayBuilder tasks = Jsons.array();
        page.tasks().forEach(task -> tasks.add(TaskJson.of(task)));
        return PageJson.of(tasks, page.nextCursor());
    }

    /** Returns one task. */
    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public String get(@PathParam("id") String id) {
        QueryParams.taskId(id);
        return store.find(id)
                .map(TaskJson::of)
                .map(Object::toString)
                .orElseThrow(() -> ApiException.notFound("No task " + id));
    }

    /**
     * Cancels a task that is queued or waiting for its next attempt; the worker skips its message. Other states
     * answer 409 and nothing changes.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public String cancel(@PathParam("id") String id) {
        QueryParams.taskId(id);
        TransitionOutcome outcome = store.cancel(id, System.currentTimeMillis());
        if (outcome.result() == TransitionOutcome.Result.MISSING) {
            throw ApiException.notFound("No task " + id);
        }
        if (!outcome.applied()) {
            throw ApiException.conflict(
                    "Task " + id + " is " + outcome.previousState() + "; only QUEUED or FAILED tasks can be cancelled");
        }
        return get(id);
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
