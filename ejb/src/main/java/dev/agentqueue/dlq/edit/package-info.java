/**
 * Edit, then redrive: an operator replaces or merge-patches a dead letter's payload as it goes back to the task
 * queue, checked as at enqueue, with the change kept in the task's history.
 */
package dev.agentqueue.dlq.edit;
