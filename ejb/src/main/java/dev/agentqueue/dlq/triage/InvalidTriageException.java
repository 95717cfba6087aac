package dev.agentqueue.dlq.triage;

import jakarta.ejb.ApplicationException;

/** Thrown when a triage request is refused as given (a malformed fingerprint, a note too long); nothing changed. */
@ApplicationException(rollback = true)
public class InvalidTriageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidTriageException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Returns the name of the field at fault. */
    public String field() {
        return field;
    }
}
