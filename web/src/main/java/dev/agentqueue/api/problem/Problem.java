package dev.agentqueue.api.problem;

import dev.agentqueue.support.Jsons;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail, rendered as {@code application/problem+json}. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:agentqueue:problem:";

    private final int status;
    private final String slug;
    private final String title;
    private final String detail;
    private final JsonObjectBuilder extensions = Jsons.object();

    private Problem(int status, String slug, String title, String detail) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
    }

    /** Starts a problem with its HTTP status, a short machine-readable kind, a title and the detail for this case. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail);
    }

    /** Adds an extension member, such as the offending {@code field}. */
    public Problem with(String name, String value) {
        if (value != null) {
            extensions.add(name, value);
        }
        return this;
    }

    /** Adds an extension member holding any JSON value, such as a list of ids. */
    public Problem with(String name, jakarta.json.JsonValue value) {
        extensions.add(name, value);
        return this;
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the problem as its JSON body. */
    public jakarta.json.JsonObject toJson() {
        JsonObjectBuilder body = Jsons.object()
                .add("type", TYPE_PREFIX + slug)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        extensions.build().forEach(body::add);
        return body.build();
    }

    /** Builds the response, with its body and media type. */
    public Response toResponse() {
        return toResponseBuilder().build();
    }

    /** Returns a response builder, for adding headers such as {@code Retry-After}. */
    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson().toString());
    }
}
