package dev.agentqueue.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The agentqueue REST API, served under {@code /agentqueue/api/v1}. */
@ApplicationPath("/api/v1")
public class ApiApplication extends Application {}
