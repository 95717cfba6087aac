package dev.agentqueue.producer;

import java.util.List;

/**
 * The remote business interface of the {@code TaskQueue} EJB, for producers in other servers and JVMs. Only callers
 * with the role {@code agentqueue-producer} or {@code agentqueue-admin} may call it; others get an
 * {@code EJBAccessException}.
 */
public interface TaskQueueRemote {

    /**
     * Enqueues a task: writes its record and sends its message, within the caller's transaction if there is one.
     * When the call returns without a caller transaction, the message is durable on the broker.
     *
     * @throws InvalidTaskException when the request is refused (including {@link PayloadTooLargeException})
     * @throws QueueFullException when the queue is over its depth limit
     * @throws dev.agentqueue.redis.StoreUnavailableException when Redis cannot be reached
     */
    TaskReceipt enqueue(TaskRequest request);

    /** The most tasks {@link #submitAll} takes in one call. */
    int MAX_BATCH_SIZE = 1_000;

    /**
     * Enqueues up to {@value #MAX_BATCH_SIZE} tasks at once, all or nothing: their records in one Redis call and their
     * messages in one JMS transaction (the caller's, if there is one), so the broker syncs its journal once for the
     * batch. A task whose idempotency key names an earlier task (or an earlier task of the same batch) enqueues
     * nothing and answers with that task's id. When the call returns without a caller transaction, every message is
     * durable on the broker.
     *
     * @return one receipt per request, in the order given
     * @throws InvalidBatchException naming every refused task (index, field, reason); none was enqueued
     * @throws InvalidTaskException when the batch is empty or larger than {@value #MAX_BATCH_SIZE}
     * @throws QueueFullException when the queue is over its depth limit
     * @throws dev.agentqueue.redis.StoreUnavailableException when Redis cannot be reached
     */
    List<TaskReceipt> submitAll(List<TaskRequest> requests);
}
