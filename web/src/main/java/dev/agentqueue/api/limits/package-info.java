/** {@code /limits}: the provider call limits' state, and their live change by an admin. */
package dev.agentqueue.api.limits;
