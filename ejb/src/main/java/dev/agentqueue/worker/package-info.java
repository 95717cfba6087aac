/**
 * The workers: the message-driven bean, the service that runs one delivery, failure classification, timeouts, and
 * the forwarding of messages to the dead-letter queue or back to the task queue.
 */
package dev.agentqueue.worker;
