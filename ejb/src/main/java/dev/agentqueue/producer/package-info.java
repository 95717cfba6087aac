/** Enqueueing: the {@code TaskQueue} EJB, the request it takes, its receipt, and the ways it refuses work. */
package dev.agentqueue.producer;
