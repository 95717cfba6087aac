/** The broker as agentqueue sees it: redelivery settings and queue counters read through Artemis management. */
package dev.agentqueue.broker;
