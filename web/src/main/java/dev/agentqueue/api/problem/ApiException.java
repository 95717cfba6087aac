package dev.agentqueue.api.problem;

/** Thrown by resources to answer with a specific problem. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(null, null, false, false);
        this.problem = problem;
    }

    /** Creates a 400 problem about one field of the request. */
    public static ApiException badRequest(String field, String detail) {
        return new ApiException(
                Problem.of(400, "invalid-request", "Invalid request", detail).with("field", field));
    }

    /** Creates a 404 problem. */
    public static ApiException notFound(String detail) {
        return new ApiException(Problem.of(404, "not-found", "Not found", detail));
    }

    /** Creates a 409 problem: the request is valid, but the resource's state does not allow it. */
    public static ApiException conflict(String detail) {
        return new ApiException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public Problem problem() {
        return problem;
    }
}
