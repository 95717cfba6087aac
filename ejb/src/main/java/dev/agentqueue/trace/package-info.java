/**
 * Traces: the spans agentqueue opens (enqueue, each attempt, provider calls, Redis scripts) and the W3C trace
 * context it carries from the REST call through the task message to the provider; depends on no other package.
 */
package dev.agentqueue.trace;
