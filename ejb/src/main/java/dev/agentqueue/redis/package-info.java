/**
 * Redis access: the Lettuce client producer, the shared-connection gateway, key names and Lua scripts.
 */
package dev.agentqueue.redis;
