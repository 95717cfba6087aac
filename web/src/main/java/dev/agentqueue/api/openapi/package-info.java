/**
 * What the build adds to the OpenAPI document beyond the resources' annotations: the problem responses operations
 * refer to by name, the 401 and 403 ones added to every operation that names roles, and a fix-up of nullable
 * references. Used by the build only: the WAR leaves them out.
 */
package dev.agentqueue.api.openapi;
