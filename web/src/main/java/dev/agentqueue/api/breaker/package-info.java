/** {@code /breakers}: the shared circuit breakers' state, and their reset. */
package dev.agentqueue.api.breaker;
