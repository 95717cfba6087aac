package dev.agentqueue.broker;

/** Thrown when the broker's management interface cannot answer. */
public class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
