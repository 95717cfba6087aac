/**
 * What every outgoing webhook of agentqueue shares (the dead-letter alerts, the completion callbacks): the HMAC-SHA256
 * signature a receiver checks, and the doubling wait between tries.
 */
package dev.agentqueue.webhook;
