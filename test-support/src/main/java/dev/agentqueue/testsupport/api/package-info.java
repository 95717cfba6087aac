/**
 * One client for agentqueue's REST API: {@link dev.agentqueue.testsupport.api.AgentQueueApi} with its typed calls,
 * the raw {@link dev.agentqueue.testsupport.api.RestEndpoint} under it, and the HTTP Basic users it calls as.
 */
package dev.agentqueue.testsupport.api;
