/**
 * What the health probes report about agentqueue: readiness from Redis and the broker, liveness with the node name,
 * installed into {@link dev.agentqueue.probes.Probes} while the application runs.
 */
package dev.agentqueue.health;
