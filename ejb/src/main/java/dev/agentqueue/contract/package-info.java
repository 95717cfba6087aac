/**
 * The contract SPI, at the bottom of the layers: what a kind of work looks like to agentqueue, the context an attempt
 * runs in, the agent it may run with, and the two exceptions that classify failures explicitly. It imports nothing
 * else of agentqueue; the built-in contracts live in {@code dev.agentqueue.builtin}.
 */
package dev.agentqueue.contract;
