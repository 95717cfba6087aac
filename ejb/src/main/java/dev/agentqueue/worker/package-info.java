/**
 * The workers: the message-driven bean, the service that runs one delivery, failure classification, timeouts, and
 * the failure policy: each delivery ends in an {@link dev.agentqueue.worker.Outcome}, decided by pure functions and
 * carried out in one place.
 */
package dev.agentqueue.worker;
