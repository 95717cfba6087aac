package dev.agentqueue.redis;

import jakarta.ejb.ApplicationException;

/** Thrown when Redis cannot be reached or does not answer in time; the caller may retry later. */
@ApplicationException(rollback = true)
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Serializes this exception without its cause: the cause is the Redis client's own exception, a class a remote
     * caller does not have, and unmarshalling it would turn this clear refusal into a generic failure. The message
     * already carries the cause's message.
     */
    private Object writeReplace() {
        if (getCause() == null) {
            return this;
        }
        StoreUnavailableException copy = new StoreUnavailableException(getMessage(), null);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
