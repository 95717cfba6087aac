/**
 * Triage of dead-letter groups (one group per error fingerprint): an operator's note, investigation mark and mute,
 * kept in Redis; the alerts raised when a new fingerprint appears or a group grows fast; and the admin EJB view that
 * in-house tools call for these and for edit-and-redrive.
 */
package dev.agentqueue.dlq.triage;
