package dev.agentqueue.messaging;

import dev.agentqueue.contract.TerminalTaskException;

/** Thrown for a task message that cannot be understood; such a poison message is dead-lettered at once. */
public class MalformedEnvelopeException extends TerminalTaskException {

    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
