package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.jndi.RelativeLookupListener;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the integration-test plumbing: the real EAR deploys into the prepared WildFly and answers over HTTP, tests
 * run inside it, the queues from configure.cli are bound where the application looks them up, and the relative
 * {@code jms/...} name form works for an MDB's {@code destinationLookup}.
 */
@ExtendWith(ArquillianExtension.class)
class SmokeIT {

    private static final String APP = "app";
    private static final String PROBE = "jndi-probe";
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Resource(lookup = "java:/jms/agentqueue/tasks")
    Queue taskQueue;

    @Resource(lookup = "java:/jms/agentqueue/tasks-dlq")
    Queue deadLetterQueue;

    @Resource(lookup = "java:/jms/agentqueue/tasks-expiry")
    Queue expiryQueue;

    @Inject
    JMSContext jms;

    @Deployment(name = APP, order = 1)
    static EnterpriseArchive app() {
        return Deployments.earWith();
    }

    /** A separate small WAR, so that probing name resolution cannot break the application's own deployment. */
    @Deployment(name = PROBE, order = 2)
    static WebArchive jndiProbe() {
        return Deployments.addTestLibraries(ShrinkWrap.create(WebArchive.class, PROBE + ".war")
                .addClass(RelativeLookupListener.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    @Test
    @RunAsClient
    @OperateOnDeployment(APP)
    void healthEndpointAnswers200OverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(Deployments.appUrl("api/v1/health"))
                                .timeout(DEADLINE)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode())
                .as("GET /api/v1/health: %s", response.body())
                .isEqualTo(200);
    }

    @Test
    @OperateOnDeployment(APP)
    void inContainerTestCanSendToAndReceiveFromTheDeadLetterQueue() {
        assertThat(taskQueue.toString()).contains("AgentQueueTasks");
        String smokeId = UUID.randomUUID().toString();

        jms.createProducer().setProperty("smokeId", smokeId).send(deadLetterQueue, "smoke");
        Message received;
        try (JMSConsumer consumer = jms.createConsumer(deadLetterQueue, "smokeId = '" + smokeId + "'")) {
            received = consumer.receive(DEADLINE.toMillis());
        }

        assertThat(received).as("the message sent to the DLQ, received back").isNotNull();
    }

    /** Also proves that the worker MDB's relative destinationLookup found the real task queue. */
    @Test
    @OperateOnDeployment(APP)
    void workerMdbConsumesTheConfiguredTaskQueue() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName taskQueues = new ObjectName("org.apache.activemq.artemis:broker=\"default\",component=addresses,"
                + "address=\"jms.queue.AgentQueueTasks\",subcomponent=queues,*");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int consumers = 0;
        while (consumers == 0 && System.nanoTime() < deadline) {
            Set<ObjectName> found = server.queryNames(taskQueues, null);
            assertThat(found)
                    .as("Artemis MBeans of jms.queue.AgentQueueTasks (jmx-management-enabled)")
                    .hasSize(1);
            consumers = (Integer) server.getAttribute(found.iterator().next(), "ConsumerCount");
            if (consumers == 0) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        assertThat(consumers).as("consumers on jms.queue.AgentQueueTasks").isPositive();
    }

    @Test
    @OperateOnDeployment(PROBE)
    void relativeDestinationLookupBindsAnMdbToTheConfiguredQueue() throws Exception {
        String correlationId = UUID.randomUUID().toString();

        jms.createProducer().setJMSCorrelationID(correlationId).send(expiryQueue, "probe");

        assertThat(RelativeLookupListener.RECEIVED.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("received by the MDB with destinationLookup=jms/agentqueue/tasks-expiry")
                .isEqualTo(correlationId);
    }

    @Test
    @OperateOnDeployment(PROBE)
    void programmaticLookupOfARelativeNameResolvesUnderJavaColonSlash() throws Exception {
        // WildFly's InitialContext reads "jms/x" as "java:/jms/x". @Resource(lookup = "jms/x") is different: it is
        // read as java:comp/env/jms/x (java:module/env in a WAR), which nothing binds, and the deployment fails.
        assertThat(new InitialContext().lookup("jms/agentqueue/tasks-dlq").toString())
                .isEqualTo(deadLetterQueue.toString());
    }
}
