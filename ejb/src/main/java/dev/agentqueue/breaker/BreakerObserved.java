package dev.agentqueue.breaker;

/** A breaker's state as one of its scripts just reported it on this server, fired as a CDI event for the metrics. */
public record BreakerObserved(String name, BreakerState state) {}
