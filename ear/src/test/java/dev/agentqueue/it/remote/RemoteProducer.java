package dev.agentqueue.it.remote;

import dev.agentqueue.producer.TaskQueueRemote;
import dev.agentqueue.producer.TaskReceipt;
import dev.agentqueue.producer.TaskRequest;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Enqueues one echo task (or a batch of three) from outside the server, through the remote EJB or remote JMS, and
 * prints the outcome on one line: {@code ENQUEUED <task ids, comma-separated>}, {@code RECEIVED <n>} for a consume attempt, or {@code FAILED <exception
 * classes, outermost first>: <message>}. The server and the credentials come from the environment, so no password
 * shows in a process list: {@code AGENTQUEUE_URL} (e.g. {@code remote+http://127.0.0.1:8080}), {@code
 * AGENTQUEUE_USER}, {@code AGENTQUEUE_PASSWORD}, and for JMS optionally {@code AGENTQUEUE_LOOKUP_USER} and {@code
 * AGENTQUEUE_LOOKUP_PASSWORD} for the JNDI lookup, when the broker login is to differ from it.
 */
public final class RemoteProducer {

    static final String EJB_NAME = "ejb:agentqueue/agentqueue-ejb/TaskQueue!" + TaskQueueRemote.class.getName();
    static final String CONNECTION_FACTORY = "jms/RemoteConnectionFactory";
    static final String TASK_QUEUE = "jms/agentqueue/tasks";
    static final String PAYLOAD = "{\"job_type\":\"echo\",\"arguments\":{\"text\":\"from another JVM\"}}";

    private RemoteProducer() {}

    public static final int BATCH = 3;

    /** Runs {@code ejb}, {@code ejb-batch}, {@code jms-send}, {@code jms-batch} or {@code jms-consume <queue>}. */
    public static void main(String[] args) {
        String user = env("AGENTQUEUE_USER");
        String password = env("AGENTQUEUE_PASSWORD");
        String outcome;
        try {
            outcome = switch (args[0]) {
                case "ejb" -> "ENQUEUED " + enqueueThroughEjb(user, password);
                case "ejb-batch" -> "ENQUEUED " + String.join(",", enqueueBatchThroughEjb(user, password));
                case "jms-send" -> "ENQUEUED " + String.join(",", sendOverJms(user, password, 1));
                case "jms-batch" -> "ENQUEUED " + String.join(",", sendOverJms(user, password, BATCH));
                case "jms-consume" -> "RECEIVED " + consumeOverJms(user, password, args[1]);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
        } catch (Exception e) {
            outcome = "FAILED " + describe(e);
        }
        System.out.println(outcome);
        // The EJB and naming clients leave non-daemon threads behind.
        System.exit(0);
    }

    private static String enqueueThroughEjb(String user, String password) throws NamingException {
        Context jndi = jndi(user, password);
        try {
            TaskQueueRemote queue = (TaskQueueRemote) jndi.lookup(EJB_NAME);
            TaskReceipt receipt = queue.enqueue(TaskRequest.builder("agentqueue.job.v1")
                    .payload(PAYLOAD)
                    .priority(6)
                    .build());
            return receipt.id();
        } finally {
            jndi.close();
        }
    }

    private static List<String> enqueueBatchThroughEjb(String user, String password) throws NamingException {
        Context jndi = jndi(user, password);
        try {
            TaskQueueRemote queue = (TaskQueueRemote) jndi.lookup(EJB_NAME);
            List<TaskRequest> requests = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                requests.add(TaskRequest.builder("agentqueue.job.v1")
                        .payload(PAYLOAD)
                        .build());
            }
            return queue.submitAll(requests).stream().map(TaskReceipt::id).toList();
        } finally {
            jndi.close();
        }
    }

    /**
     * Sends the documented JSON envelope with its version property, as a plain JMS producer would: {@code count}
     * envelopes, more than one in one transacted session, committed together.
     */
    private static List<String> sendOverJms(String user, String password, int count) throws Exception {
        Context jndi = jndi(lookupUser(user), lookupPassword(password));
        try {
            ConnectionFactory connections = (ConnectionFactory) jndi.lookup(CONNECTION_FACTORY);
            Queue queue = (Queue) jndi.lookup(TASK_QUEUE);
            List<String> ids = new ArrayList<>();
            int mode = count > 1 ? JMSContext.SESSION_TRANSACTED : JMSContext.AUTO_ACKNOWLEDGE;
            try (JMSContext jms = connections.createContext(user, password, mode)) {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    TextMessage message = jms.createTextMessage(
                            "{\"id\":\"" + id + "\",\"contract\":\"agentqueue.job.v1\",\"payload\":" + PAYLOAD + "}");
                    message.setIntProperty("agentqueue_version", 1);
                    jms.createProducer()
                            .setDeliveryMode(DeliveryMode.PERSISTENT)
                            .send(queue, message);
                    ids.add(id);
                }
                if (count > 1) {
                    jms.commit();
                }
            }
            return ids;
        } finally {
            jndi.close();
        }
    }

    private static int consumeOverJms(String user, String password, String queueName) throws Exception {
        Context jndi = jndi(user, password);
        try {
            ConnectionFactory connections = (ConnectionFactory) jndi.lookup(CONNECTION_FACTORY);
            Queue queue = (Queue) jndi.lookup(queueName);
            try (JMSContext jms = connections.createContext(user, password)) {
                return jms.createConsumer(queue).receive(1_000) == null ? 0 : 1;
            }
        } finally {
            jndi.close();
        }
    }

    private static Context jndi(String user, String password) throws NamingException {
        Properties env = new Properties();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "org.wildfly.naming.client.WildFlyInitialContextFactory");
        env.put(Context.PROVIDER_URL, env("AGENTQUEUE_URL"));
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return new InitialContext(env);
    }

    private static String lookupUser(String user) {
        String lookup = System.getenv("AGENTQUEUE_LOOKUP_USER");
        return lookup == null ? user : lookup;
    }

    private static String lookupPassword(String password) {
        String lookup = System.getenv("AGENTQUEUE_LOOKUP_PASSWORD");
        return lookup == null ? password : lookup;
    }

    /**
     * Names the exception and its causes, outermost first, with the innermost message, then what they suppressed
     * (the EJB client reports a failed login as a suppressed failure of its "no more destinations" failure).
     */
    private static String describe(Throwable failure) {
        failure.printStackTrace();
        List<String> suppressed = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                suppressed.add(chain(s));
            }
        }
        String line = chain(failure);
        if (!suppressed.isEmpty()) {
            line += " [suppressed: " + String.join("; ", suppressed) + "]";
        }
        return line.replace('\n', ' ');
    }

    private static String chain(Throwable failure) {
        List<String> classes = new ArrayList<>();
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            classes.add(t.getClass().getName());
            innermost = t;
        }
        return String.join(" <- ", classes) + ": " + innermost.getMessage();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
