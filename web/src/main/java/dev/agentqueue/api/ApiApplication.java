package dev.agentqueue.api;

import dev.agentqueue.api.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agentqueue REST API, served under {@code /agentqueue/api/v1}. Its annotations open the OpenAPI document that the
 * build generates from the resources (docs/OPENAPI.md); the problem responses come from {@code ProblemResponses}.
 */
@ApplicationPath("/api/v1")
@DeclareRoles({Roles.PRODUCER, Roles.VIEWER, Roles.ADMIN})
@OpenAPIDefinition(
        info = @Info(title = "agentqueue API", version = "1", description = ApiApplication.DESCRIPTION),
        servers = @Server(url = "/agentqueue/api/v1", description = "This server"),
        security = @SecurityRequirement(name = ApiApplication.BASIC),
        tags = {
            @Tag(name = "Tasks", description = "Enqueue, list, read and cancel tasks"),
            @Tag(name = "Flows", description = "Chains, fan-outs and fan-ins of tasks: start, read, cancel"),
            @Tag(name = "Dead letters", description = "The dead-letter queue: list, summary, redrive, purge"),
            @Tag(name = "Queues", description = "The broker's counters of the task queue and its dead-letter queue"),
            @Tag(name = "Breakers", description = "The shared circuit breakers"),
            @Tag(
                    name = "Limits",
                    description = "Requests, tokens and concurrent calls per provider endpoint and agent"),
            @Tag(name = "Statistics", description = "Tasks per state and the last hour's throughput and latency"),
            @Tag(name = "System", description = "Health probe, this document and the caller's roles")
        })
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
