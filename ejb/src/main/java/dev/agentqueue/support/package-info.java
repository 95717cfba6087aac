/** Small helpers shared by the feature packages, such as duration parsing for configuration values. */
package dev.agentqueue.support;
