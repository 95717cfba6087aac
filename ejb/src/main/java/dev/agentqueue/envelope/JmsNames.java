package dev.agentqueue.envelope;

/**
 * JNDI names of the JMS destinations, relative so that each server maps them: WildFly binds them under
 * {@code java:/} from {@code server-config/wildfly/configure.cli}; Payara binds the same names as global resources.
 */
public final class JmsNames {

    /** The queue producers send tasks to and workers consume from. */
    public static final String TASK_QUEUE = "java:/jms/agentqueue/tasks";

    /** The queue dead-lettered task messages end up in. */
    public static final String DEAD_LETTER_QUEUE = "java:/jms/agentqueue/tasks-dlq";

    /** The MDB's destination lookup, in the relative form both servers resolve. */
    public static final String TASK_QUEUE_LOOKUP = "jms/agentqueue/tasks";

    private JmsNames() {
    }
}
