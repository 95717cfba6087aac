/**
 * Who may call what: the roles, the check of {@code @RolesAllowed} on every resource method, problem+json answers for
 * the container's own 401 and 403, and the throttle of failed logins per client address.
 */
package dev.agentqueue.api.security;
