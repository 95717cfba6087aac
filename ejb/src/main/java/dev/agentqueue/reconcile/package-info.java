/**
 * Reconciliation from Redis to the broker: finds tasks whose records say they are queued, waiting for a retry or
 * running long past the moment they were due, while the broker holds no message for them (a lost or older journal, a
 * purged queue, a message removed by hand), and sends their messages again from the records.
 */
package dev.agentqueue.reconcile;
