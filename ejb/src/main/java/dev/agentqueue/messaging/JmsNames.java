package dev.agentqueue.messaging;

/**
 * Names of the JMS destinations. Code refers to them through resource references that each server maps to its own
 * JNDI names ({@code jboss-ejb3.xml} on WildFly, where {@code server-config/wildfly/configure.cli} binds the queues
 * under {@code java:/jms/agentqueue/...}); the MDB uses the relative lookup name both WildFly and Payara resolve.
 */
public final class JmsNames {

    /** Resource reference to the queue producers send tasks to and workers consume from. */
    public static final String TASK_QUEUE_REF = "jms/agentqueue/tasks";

    /** Resource reference to the queue dead-lettered task messages end up in. */
    public static final String DEAD_LETTER_QUEUE_REF = "jms/agentqueue/tasks-dlq";

    /** Resource reference to the queue a redrive by filter moves dead letters to before it sends them back. */
    public static final String REDRIVING_QUEUE_REF = "jms/agentqueue/tasks-dlq-redriving";

    /** Resource reference to the queue a purge by filter moves dead letters to before it removes them. */
    public static final String PURGING_QUEUE_REF = "jms/agentqueue/tasks-dlq-purging";

    /**
     * Resource reference to a plain (non-XA, unpooled) connection factory of the broker, for sends made outside any
     * transaction.
     */
    public static final String DIRECT_CONNECTION_FACTORY_REF = "jms/agentqueue/direct-connection-factory";

    /** The MDB's destination lookup, in the relative form both servers resolve. */
    public static final String TASK_QUEUE_LOOKUP = "jms/agentqueue/tasks";

    private JmsNames() {}
}
