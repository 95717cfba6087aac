package dev.agentqueue.api.problem;

import dev.agentqueue.support.JsonRecords;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, rendered as {@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, then {@code detail} when there is one, then the extension members in the order they were added.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:agentqueue:problem:";

    private final int status;
    private final Map<String, Object> members = new LinkedHashMap<>();

    private Problem(int status, String slug, String title, String detail) {
        this.status = status;
        members.put("type", TYPE_PREFIX + slug);
        members.put("title", title);
        members.put("status", status);
        if (detail != null) {
            members.put("detail", detail);
        }
    }

    /** Starts a problem with its HTTP status, a short machine-readable kind, a title and the detail for this case. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail);
    }

    /** Adds an extension member, such as the offending {@code field}. */
    public Problem with(String name, String value) {
        if (value != null) {
            members.put(name, value);
        }
        return this;
    }

    /** Adds an extension member holding a list of strings, such as the ids of tasks. */
    public Problem with(String name, Collection<String> values) {
        members.put(name, List.copyOf(values));
        return this;
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the problem as its JSON body. */
    public String body() {
        return JsonRecords.write(members);
    }

    /** Builds the response, with its body and media type. */
    public Response toResponse() {
        return toResponseBuilder().build();
    }

    /** Returns a response builder, for adding headers such as {@code Retry-After}. */
    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(body());
    }
}
