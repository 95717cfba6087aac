package dev.agentqueue.api;

import dev.agentqueue.api.problem.Problem;
import dev.agentqueue.api.problem.ProblemResponses;
import dev.agentqueue.api.problem.ProblemSchema;
import dev.agentqueue.api.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agentqueue REST API, served under {@code /agentqueue/api/v1}. Its annotations open the OpenAPI document that the
 * build generates from the resources (docs/API.md).
 */
@ApplicationPath("/api/v1")
@DeclareRoles({Roles.PRODUCER, Roles.VIEWER, Roles.ADMIN})
@OpenAPIDefinition(
        info = @Info(title = "agentqueue API", version = "1", description = ApiApplication.DESCRIPTION),
        servers = @Server(url = "/agentqueue/api/v1", description = "This server"),
        security = @SecurityRequirement(name = ApiApplication.BASIC),
        tags = {
            @Tag(name = "Tasks", description = "Enqueue, list, read and cancel tasks"),
            @Tag(name = "Dead letters", description = "The dead-letter queue: list, summary, redrive, purge"),
            @Tag(name = "Queues", description = "The broker's counters of the task queue and its dead-letter queue"),
            @Tag(name = "Breakers", description = "The shared circuit breakers"),
            @Tag(name = "System", description = "Health probe and this document")
        },
        components =
                @Components(
                        responses = {
                            @APIResponse(
                                    name = ProblemResponses.BAD_REQUEST,
                                    description = "The request is malformed or a field is invalid; nothing changed",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.UNAUTHENTICATED,
                                    description = "No credentials, or wrong ones",
                                    headers =
                                            @Header(
                                                    name = "WWW-Authenticate",
                                                    description = "Basic realm=\"agentqueue\"",
                                                    schema = @Schema(implementation = String.class)),
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.FORBIDDEN,
                                    description = "The user lacks the role this operation needs",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.NOT_FOUND,
                                    description = "Nothing by that name or id; nothing changed",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.NOT_ACCEPTABLE,
                                    description =
                                            "The Accept header allows none of the media types this operation answers",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.CONFLICT,
                                    description = "The current state does not allow this; nothing changed",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.PAYLOAD_TOO_LARGE,
                                    description = "The payload is over the configured limit",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.UNSUPPORTED_MEDIA_TYPE,
                                    description = "The body is not UTF-8 application/json",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.QUEUE_FULL,
                                    description = "The task queue is over its depth limit; nothing was enqueued",
                                    headers =
                                            @Header(
                                                    name = "Retry-After",
                                                    description = "Seconds to wait",
                                                    schema = @Schema(implementation = Integer.class)),
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class))),
                            @APIResponse(
                                    name = ProblemResponses.UNAVAILABLE,
                                    description = "Redis or the broker cannot be reached; nothing changed",
                                    headers =
                                            @Header(
                                                    name = "Retry-After",
                                                    description = "Seconds to wait",
                                                    schema = @Schema(implementation = Integer.class)),
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = ProblemSchema.class)))
                        }))
@SecurityScheme(
        securitySchemeName = ApiApplication.BASIC,
        type = SecuritySchemeType.HTTP,
        scheme = "basic",
        description = "A user of the server's application realm")
public class ApiApplication extends Application {

    /** The name of the HTTP Basic security scheme; an operation's requirement lists the roles it needs. */
    public static final String BASIC = "basic";

    static final String DESCRIPTION = "A durable task queue for AI-agent work. Every error is RFC 9457"
            + " application/problem+json.\n\nAuthentication is HTTP Basic against the server's application realm."
            + " Each operation's security requirement names the roles that may call it: agentqueue-producer"
            + " (enqueue), agentqueue-viewer (reads), agentqueue-admin (redrive, purge, cancel, reset). An"
            + " agentqueue-admin may call every operation. Without credentials a protected operation answers 401,"
            + " with the wrong role 403. GET /health and GET /openapi are public.";
}
