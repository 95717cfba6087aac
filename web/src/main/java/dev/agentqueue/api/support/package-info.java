/** Validation of query parameters shared by the resources: names, page sizes and cursors. */
package dev.agentqueue.api.support;
