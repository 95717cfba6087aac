/**
 * Redis access: the Lettuce client and pool producer, the shared-connection gateway, key names and Lua scripts.
 */
package dev.agentqueue.redis;
