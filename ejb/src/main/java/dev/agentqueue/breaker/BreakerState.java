package dev.agentqueue.breaker;

/** The states of a circuit breaker, as in MicroProfile Fault Tolerance. */
public enum BreakerState {
    /** Calls pass; outcomes fill the rolling window. */
    CLOSED,
    /** Calls are refused until the delay has passed. */
    OPEN,
    /** A limited number of probe calls pass; their outcomes close or reopen the breaker. */
    HALF_OPEN
}
