/**
 * Shared circuit breakers: one state per downstream endpoint in Redis, changed only by Lua scripts so every node
 * sees the same breaker. Offered as the {@link dev.agentqueue.breaker.SharedBreakers} API and as the
 * {@link dev.agentqueue.breaker.SharedCircuitBreaker} interceptor binding.
 */
package dev.agentqueue.breaker;
