/**
 * The task message on the queue: its version 1 JSON envelope, its JMS properties, the JNDI names of the destinations,
 * and the sends that put it there (enqueue, re-send, dead letter, redrive). Plain JMS producers write the same
 * envelope.
 */
package dev.agentqueue.messaging;
