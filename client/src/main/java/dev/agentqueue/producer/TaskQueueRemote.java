package dev.agentqueue.producer;

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
}
