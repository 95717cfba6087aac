package dev.agentqueue.api.task;

import dev.agentqueue.api.problem.ApiException;
import dev.agentqueue.producer.TaskQueue;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.task.TaskIds;
import dev.agentqueue.task.TaskSnapshot;
import dev.agentqueue.task.TaskStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /tasks}: enqueue a task and read its state. */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskQueue queue;

    @Inject
    TaskStore store;

    @Context
    UriInfo uri;

    /** Enqueues a task; answers 202 with its location and record (the first task's, for a repeated idempotency key). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enqueue(String body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        TaskReceipt receipt = queue.enqueue(TaskRequestParser.parse(body, idempotencyKey));
        TaskSnapshot task = store.find(receipt.id())
                .orElseThrow(() -> ApiException.notFound("Task " + receipt.id() + " is gone already"));
        Response.ResponseBuilder response = Response.accepted(TaskJson.of(task).toString())
                .location(uri.getAbsolutePathBuilder().path(receipt.id()).build());
        if (receipt.duplicate()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    /** Returns one task. */
    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        if (!TaskIds.isValid(id)) {
            throw ApiException.badRequest("id", "Not a task id: expected a lower-case UUID");
        }
        return store.find(id)
                .map(TaskJson::of)
                .map(Object::toString)
                .orElseThrow(() -> ApiException.notFound("No task " + id));
    }
}
