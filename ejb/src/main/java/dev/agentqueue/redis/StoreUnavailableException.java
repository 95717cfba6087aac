package dev.agentqueue.redis;

import jakarta.ejb.ApplicationException;

/** Thrown when Redis cannot be reached or does not answer in time; the caller may retry later. */
@ApplicationException(rollback = true)
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
