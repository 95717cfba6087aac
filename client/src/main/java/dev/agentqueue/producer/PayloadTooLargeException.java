package dev.agentqueue.producer;

import jakarta.ejb.ApplicationException;

/** Thrown when a payload exceeds the configured size limit; nothing was enqueued. */
@ApplicationException(rollback = true)
public class PayloadTooLargeException extends InvalidTaskException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(long size, long limit) {
        super(
                "payload",
                "payload is " + size + " bytes; the limit is " + limit + " bytes (agentqueue.task.max-payload-bytes)");
    }
}
