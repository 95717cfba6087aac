package dev.agentqueue.agent;

/**
 * One HTTP call of an agent to its provider, fired as a CDI event for the metrics: the agent, the model it asked
 * for, and how the call ended ({@code status}: the HTTP status code, or {@code timeout} or {@code unreachable}).
 */
public record ProviderCall(String agent, String model, String status) {}
