package dev.agentqueue.api.security;

/**
 * The API's roles. {@link #ADMIN} may do everything the others may: operators need to look before they act.
 */
public final class Roles {

    /** Enqueues tasks. */
    public static final String PRODUCER = "agentqueue-producer";

    /** Reads tasks, queues and the dead-letter queue. */
    public static final String VIEWER = "agentqueue-viewer";

    /** Redrives and purges dead letters, cancels tasks, resets breakers; and everything else. */
    public static final String ADMIN = "agentqueue-admin";

    private Roles() {}
}
