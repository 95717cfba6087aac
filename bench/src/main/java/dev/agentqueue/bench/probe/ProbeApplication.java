package dev.agentqueue.bench.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the probe's endpoints at the root of its context, {@code /agentqueue-bench}. */
@ApplicationPath("/")
public class ProbeApplication extends Application {}
