package dev.agentqueue.producer;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * Thrown when one or more tasks of a batch are refused; {@link #errors()} names each of them, and no task of the
 * batch was enqueued.
 */
@ApplicationException(rollback = true)
public class InvalidBatchException extends InvalidTaskException {

    private static final long serialVersionUID = 1L;

    private final List<BatchItemError> errors;

    public InvalidBatchException(List<BatchItemError> errors) {
        super(
                "tasks",
                errors.size() + " task(s) of the batch are invalid, the first at index "
                        + errors.get(0).index() + ": " + errors.get(0).message() + "; none was enqueued");
        this.errors = List.copyOf(errors);
    }

    /** Returns the refused tasks, in batch order. */
    public List<BatchItemError> errors() {
        return errors;
    }
}
