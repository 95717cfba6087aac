/**
 * The broker as agentqueue sees it: redelivery settings, queue counters and listings, read through Artemis
 * management, from the MBeans of the broker embedded in the server or by management messages to a remote broker.
 */
package dev.agentqueue.broker;
