/**
 * Who may call what: the roles, the check of {@code @RolesAllowed} on every resource method, and problem+json
 * answers for the container's own 401 and 403.
 */
package dev.agentqueue.api.security;
