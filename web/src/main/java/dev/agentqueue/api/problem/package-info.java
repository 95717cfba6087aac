/** RFC 9457 problem details and the mapping of every exception to one. */
package dev.agentqueue.api.problem;
