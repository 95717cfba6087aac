package dev.agentqueue.api;

import dev.agentqueue.api.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The agentqueue REST API, served under {@code /agentqueue/api/v1}. */
@ApplicationPath("/api/v1")
@DeclareRoles({Roles.PRODUCER, Roles.VIEWER, Roles.ADMIN})
public class ApiApplication extends Application {}
