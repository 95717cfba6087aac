package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.remote.RemoteProducer;
import dev.agentqueue.it.support.ClientJvm;
import dev.agentqueue.it.support.ClientJvm.Outcome;
import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import dev.agentqueue.testsupport.polling.Deadline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Enqueueing from another JVM, as an application in another server would: each case runs {@link RemoteProducer} in a
 * JVM of its own with only the client artifact and WildFly's client library on its class path, against the IT server,
 * and checks what the project's users and roles may do there. Producers enqueue through the remote EJB and remote JMS
 * and their tasks complete; a viewer is refused on both; nobody outside the server may consume the task queue or its
 * DLQ; a wrong password is refused.
 */
@ExtendWith(ArquillianExtension.class)
class RemoteClientIT {

    private static final Duration COMPLETION = Duration.ofSeconds(30);

    private final AgentQueueApi api = Deployments.api();
    private final ClientJvm client = ClientJvm.of(RemoteProducer.class);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aProducerEnqueuesThroughTheRemoteEjbAndTheTaskCompletes() {
        assertAProducersTaskCompletes("ejb");
    }

    @Test
    void aViewerIsRefusedByTheRemoteEjbWithAnAccessException() {
        Outcome outcome = client.run("ejb-viewer", as(Role.VIEWER.user(), Role.VIEWER.password()), "ejb");

        assertThat(outcome.lastLine()).as(outcome.toString()).startsWith("FAILED jakarta.ejb.EJBAccessException");
    }

    @Test
    void aProducerEnqueuesOverRemoteJmsAndTheTaskCompletes() {
        assertAProducersTaskCompletes("jms-send");
    }

    @Test
    void aViewerIsRefusedWhenSendingOverRemoteJms() {
        Outcome outcome = client.run("jms-viewer", as(Role.VIEWER.user(), Role.VIEWER.password()), "jms-send");

        assertThat(outcome.lastLine())
                .as(outcome.toString())
                .startsWith("FAILED jakarta.jms.JMSSecurityRuntimeException")
                .contains("permission='SEND'");
    }

    @Test
    void noRemoteUserMayConsumeTheTaskQueueOrItsDeadLetters() {
        Map<String, String> admin = as(Role.ADMIN.user(), Role.ADMIN.password());

        for (String queue : new String[] {"jms/agentqueue/tasks", "jms/agentqueue/tasks-dlq"}) {
            Outcome outcome = client.run("jms-consume-" + queue.replace('/', '-'), admin, "jms-consume", queue);

            assertThat(outcome.lastLine())
                    .as(queue + ": " + outcome)
                    .startsWith("FAILED jakarta.jms.JMSSecurityRuntimeException")
                    .contains("permission='CONSUME'");
        }
    }

    /** Uses a user no other test needs: failed logins may lock an identity out for a while. */
    @Test
    void aWrongPasswordIsRefusedOnBothPaths() {
        String user = System.getProperty("agentqueue.it.remote.user");
        String wrong = System.getProperty("agentqueue.it.remote.password") + "-wrong";

        Outcome ejb = client.run("ejb-wrong-password", as(user, wrong), "ejb");
        Map<String, String> broker = as(user, wrong);
        broker.put("AGENTQUEUE_LOOKUP_USER", Role.VIEWER.user());
        broker.put("AGENTQUEUE_LOOKUP_PASSWORD", Role.VIEWER.password());
        Outcome jms = client.run("jms-wrong-password", broker, "jms-send");

        assertThat(ejb.lastLine())
                .as(ejb.toString())
                .startsWith("FAILED org.jboss.ejb.client.RequestSendFailedException")
                .contains("javax.security.sasl.SaslException: Authentication failed");
        assertThat(jms.lastLine())
                .as(jms.toString())
                .startsWith("FAILED jakarta.jms.JMSSecurityRuntimeException")
                .contains("Unable to validate user");
    }

    private Map<String, String> as(String user, String password) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AGENTQUEUE_URL", "remote+http://127.0.0.1:" + System.getProperty("agentqueue.it.http-port"));
        environment.put("AGENTQUEUE_USER", user);
        environment.put("AGENTQUEUE_PASSWORD", password);
        return environment;
    }

    /**
     * Enqueues as the producer in {@code mode} and waits until the task completes; a task sent over JMS has no record
     * until the worker takes its message.
     */
    private void assertAProducersTaskCompletes(String mode) {
        Outcome outcome = client.run(mode + "-producer", as(Role.PRODUCER.user(), Role.PRODUCER.password()), mode);

        assertThat(outcome.lastLine()).as(outcome.toString()).startsWith("ENQUEUED ");
        String id = outcome.lastLine().substring("ENQUEUED ".length());
        Deadline.await(
                "task " + id + " to complete",
                COMPLETION,
                () -> api.get("tasks/" + id),
                reply ->
                        reply.status() == 200 && "COMPLETED".equals(reply.json().getString("state")));
    }
}
