/** Operational endpoints: health and broker queue counters. */
package dev.agentqueue.api.system;
