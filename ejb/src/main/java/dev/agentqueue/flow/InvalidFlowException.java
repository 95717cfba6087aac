package dev.agentqueue.flow;

import dev.agentqueue.producer.InvalidTaskException;

/**
 * Thrown when a flow definition is refused as given; nothing was started. {@code step} names the step at fault (null
 * when the definition as a whole is), and {@code field} the member, such as {@code steps[2].after}.
 */
public class InvalidFlowException extends InvalidTaskException {

    private static final long serialVersionUID = 1L;

    private final String step;

    public InvalidFlowException(String step, String field, String message) {
        super(field, message);
        this.step = step;
    }

    /** Returns the name of the step at fault, or null. */
    public String step() {
        return step;
    }
}
