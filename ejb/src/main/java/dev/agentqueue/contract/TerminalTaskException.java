package dev.agentqueue.contract;

/** Signals that a task can never succeed as given (bad arguments, refused credentials): dead-letter it at once. */
public class TerminalTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TerminalTaskException(String message) {
        super(message);
    }

    public TerminalTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
