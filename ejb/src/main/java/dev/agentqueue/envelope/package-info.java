/**
 * The task message on the queue: its version 1 JSON envelope, its JMS properties, and the JNDI names of the
 * destinations. Plain JMS producers write the same envelope.
 */
package dev.agentqueue.envelope;
