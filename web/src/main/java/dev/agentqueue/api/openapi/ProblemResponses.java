package dev.agentqueue.api.openapi;

import dev.agentqueue.api.problem.Problem;
import dev.agentqueue.api.problem.ProblemSchema;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The problem responses of the OpenAPI document: operations refer to them by name, as in
 * {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}, and the build adds their definitions
 * (an {@code application/problem+json} body, a {@code Retry-After} or {@code WWW-Authenticate} header where the API
 * sends one) before it reads the annotations.
 */
public final class ProblemResponses implements OASModelReader {

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

    /**
     * 429: the queue is over its depth limit, or a token budget the task draws on is spent; {@code Retry-After} says
     * when to try again.
     */
    public static final String QUEUE_FULL = "QueueFull";

    /** 503: Redis or the broker cannot be reached; {@code Retry-After} says when to try again. */
    public static final String UNAVAILABLE = "Unavailable";

    private static final String RETRY_AFTER = "Retry-After";

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition(BAD_REQUEST, "The request is malformed or a field is invalid; nothing changed", null),
            new Definition(UNAUTHENTICATED, "No credentials, or wrong ones", "WWW-Authenticate"),
            new Definition(FORBIDDEN, "The user lacks the role this operation needs", null),
            new Definition(NOT_FOUND, "Nothing by that name or id; nothing changed", null),
            new Definition(
                    NOT_ACCEPTABLE, "The Accept header allows none of the media types this operation answers", null),
            new Definition(CONFLICT, "The current state does not allow this; nothing changed", null),
            new Definition(PAYLOAD_TOO_LARGE, "The payload is over the configured limit; nothing was enqueued", null),
            new Definition(UNSUPPORTED_MEDIA_TYPE, "The body is not UTF-8 application/json", null),
            new Definition(
                    QUEUE_FULL,
                    "The task queue is over its depth limit (problem type queue-full), or the token budget of the"
                            + " task's concurrency key or agent is spent for the UTC day or month (budget-exhausted);"
                            + " nothing was enqueued",
                    RETRY_AFTER),
            new Definition(UNAVAILABLE, "Redis or the broker cannot be reached; nothing changed", RETRY_AFTER));

    /** The definition of one problem response: its name, what it means, and the header it carries, if any. */
    private record Definition(String name, String description, String header) {

        APIResponse toResponse() {
            APIResponse response = OASFactory.createAPIResponse()
                    .description(description)
                    .content(OASFactory.createContent()
                            .addMediaType(
                                    Problem.MEDIA_TYPE,
                                    OASFactory.createMediaType()
                                            .schema(OASFactory.createSchema().ref(ProblemSchema.NAME))));
            if (header != null) {
                response.addHeader(header, header(header));
            }
            return response;
        }

        private static Header header(String name) {
            Header header = OASFactory.createHeader();
            return RETRY_AFTER.equals(name)
                    ? header.description("Seconds to wait before trying again")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                    : header.description("Basic realm=\"agentqueue\"")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
    }

    @Override
    public OpenAPI buildModel() {
        Components components = OASFactory.createComponents();
        DEFINITIONS.forEach(definition -> components.addResponse(definition.name(), definition.toResponse()));
        return OASFactory.createOpenAPI().components(components);
    }
}
