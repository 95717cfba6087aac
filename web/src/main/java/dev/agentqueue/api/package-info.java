/** The REST API: tasks, queues and health under {@code /agentqueue/api/v1}, with RFC 9457 problem details. */
package dev.agentqueue.api;
