/**
 * The MicroProfile Health checks, packaged apart from the EJB module into the EAR's {@code lib/} (WildFly discovers
 * health checks only in the top level of an EAR, not in its modules): liveness and readiness, fed at start-up
 * through {@link dev.agentqueue.probes.Probes} by the application; depends on nothing else of agentqueue.
 */
package dev.agentqueue.probes;
