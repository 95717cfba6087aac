package dev.agentqueue.worker;

import jakarta.ejb.ApplicationException;

/**
 * Thrown out of the worker MDB to hand a delivery back to the broker, which redelivers it after its redelivery delay
 * and counts it against max-delivery-attempts. The worker runs without a delivery transaction, so a rollback is asked
 * for by an exception: an application exception, so that the container neither logs it as a failure nor discards
 * the bean instance. The worker has already logged why; the exception carries no stack trace.
 */
@ApplicationException
public class RedeliveryRequested extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedeliveryRequested(String reason) {
        super(reason, null, false, false);
    }
}
