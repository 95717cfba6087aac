package dev.agentqueue.api.problem;

/**
 * Names of the problem responses the OpenAPI document defines once (on {@code ApiApplication}) and operations
 * reference with {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}.
 */
public final class ProblemResponses {

    /** 400: the request is malformed or a field is invalid. */
    public static final String BAD_REQUEST = "BadRequest";

    /** 401: no credentials, or wrong ones. */
    public static final String UNAUTHENTICATED = "Unauthenticated";

    /** 403: the user lacks the operation's role. */
    public static final String FORBIDDEN = "Forbidden";

    /** 404: the named resource does not exist. */
    public static final String NOT_FOUND = "NotFound";

    /** 406: the {@code Accept} header allows none of the operation's media types. */
    public static final String NOT_ACCEPTABLE = "NotAcceptable";

    /** 409: the resource's state does not allow the operation. */
    public static final String CONFLICT = "Conflict";

    /** 413: the payload is over the configured limit. */
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";

    /** 415: the body is not UTF-8 application/json. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";

    /** 429: the queue is over its depth limit; {@code Retry-After} says when to try again. */
    public static final String QUEUE_FULL = "QueueFull";

    /** 503: Redis or the broker cannot be reached; {@code Retry-After} says when to try again. */
    public static final String UNAVAILABLE = "Unavailable";

    private ProblemResponses() {}
}
