package dev.agentqueue.producer;

import jakarta.ejb.ApplicationException;

/** Thrown when a task request is refused as given; nothing was enqueued. {@code field} names what is wrong. */
@ApplicationException(rollback = true)
public class InvalidTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidTaskException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Returns the request field at fault, e.g. {@code priority} or {@code payload}. */
    public String field() {
        return field;
    }
}
