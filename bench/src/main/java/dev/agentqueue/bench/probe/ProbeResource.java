package dev.agentqueue.bench.probe;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The probe's HTTP face, called by the bench client. Each call runs to completion and answers with its timings. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    @Inject
    RawJmsCeiling ceiling;

    @Inject
    EjbEnqueueLoop enqueueLoop;

    @Inject
    ServerProbe server;

    @Inject
    BrokerPaging paging;

    /** Runs the raw-JMS ceiling: {@code messages} persistent messages through the probe's own queue. */
    @POST
    @Path("ceiling")
    public JsonObject ceiling(
            @QueryParam("messages") int messages,
            @QueryParam("producers") @DefaultValue("8") int producers,
            @QueryParam("consumers") @DefaultValue("8") int consumers,
            @QueryParam("bytes") @DefaultValue("200") int bytes) {
        return ceiling.run(messages, producers, consumers, bytes);
    }

    /** Enqueues {@code tasks} copies of the posted job payload through the TaskQueue EJB; answers with their ids. */
    @POST
    @Path("enqueue")
    public JsonObject enqueue(
            String payload,
            @QueryParam("tasks") int tasks,
            @QueryParam("threads") @DefaultValue("8") int threads,
            @QueryParam("contract") @DefaultValue("agentqueue.job.v1") String contract) {
        return enqueueLoop.run(contract, payload, tasks, threads);
    }

    /** Enqueues {@code tasks} copies of the posted job payload in batches through {@code TaskQueue.submitAll}. */
    @POST
    @Path("enqueue-batch")
    public JsonObject enqueueBatches(
            String payload,
            @QueryParam("tasks") int tasks,
            @QueryParam("batch") @DefaultValue("1000") int batch,
            @QueryParam("threads") @DefaultValue("1") int threads,
            @QueryParam("contract") @DefaultValue("agentqueue.job.v1") String contract) {
        return enqueueLoop.runBatches(contract, payload, tasks, batch, threads);
    }

    @GET
    @Path("heap")
    public JsonObject heap() {
        return server.heap();
    }

    /** Runs a full collection by taking a class histogram; answers with the heap after it and the top classes. */
    @POST
    @Path("heap/histogram")
    public JsonObject histogram(@QueryParam("top") @DefaultValue("20") int top) {
        return server.histogram(top);
    }

    /** The task queue's paging: whether it pages, its pages, its size in memory and its page files on disk. */
    @GET
    @Path("paging")
    public JsonObject paging() {
        return paging.read();
    }

    @POST
    @Path("pause")
    public void pause() {
        server.taskQueuePaused(true);
    }

    @POST
    @Path("resume")
    public void resume() {
        server.taskQueuePaused(false);
    }
}
