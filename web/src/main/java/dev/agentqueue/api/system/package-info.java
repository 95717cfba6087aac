/** Operational endpoints: health, broker queue counters, and who the caller is. */
package dev.agentqueue.api.system;
