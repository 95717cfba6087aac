/**
 * Limits on provider calls, per provider endpoint and per agent: requests and tokens per minute and concurrent
 * calls, held in Redis so that every node shares them, and the token estimates calls reserve before they run.
 */
package dev.agentqueue.limits;
