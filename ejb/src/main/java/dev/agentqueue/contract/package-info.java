/**
 * The contract SPI: what a kind of work looks like to agentqueue, the context an attempt runs in, and the two
 * exceptions that classify failures explicitly.
 */
package dev.agentqueue.contract;
