/**
 * MicroProfile Health checks: liveness (the application is deployed and its workers are not stopping) and readiness
 * (Redis answers and the broker's task queue can be read), served by the server at {@code /health/live} and
 * {@code /health/ready}.
 */
package dev.agentqueue.health;
