package dev.agentqueue.reconcile;

import dev.agentqueue.broker.BrokerManagement;
import dev.agentqueue.dlq.DeadLetter;
import dev.agentqueue.dlq.DeadLetterFilter;
import dev.agentqueue.dlq.DeadLetterMover;
import dev.agentqueue.messaging.JmsNames;
import dev.agentqueue.messaging.MessageProperties;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells which of a set of tasks still have a message in the broker, anywhere it may be: ready or paged in the task
 * queue, scheduled for later, being delivered to a worker, or in the dead-letter queue. One look at each, however many
 * tasks are asked about: the queues are browsed once with a selector naming them all, never once per task. The browse
 * costs a walk of the task queue whatever the number asked about, which is why the reconciler takes it only below a
 * depth ({@link BrokerLook}).
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessagePresence {

    @Inject
    JMSContext jms;

    @Inject
    BrokerManagement broker;

    @Inject
    DeadLetterMover deadLetters;

    @Resource(name = JmsNames.TASK_QUEUE_REF)
    Queue taskQueue;

    /** Returns those of {@code taskIds} that have a message in the task queue or the dead-letter queue. */
    public Set<String> withMessages(Set<String> taskIds) {
        Set<String> present = new HashSet<>();
        if (taskIds.isEmpty()) {
            return present;
        }
        // Only property names and quoted ids go into the selector (the same one the DLQ API builds).
        String selector = DeadLetterFilter.ofIds(taskIds).selector();
        // Scheduled and delivering before and after the browse, which sees only ready messages: a message that
        // leaves the scheduled set, or enters delivery, while the browse runs is seen in one of the two listings.
        present.addAll(broker.scheduledOrDelivering(MessageProperties.TASK_ID));
        try (QueueBrowser browser = jms.createBrowser(taskQueue, selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            // Once every task asked about is seen, nothing further can change the answer: stop looking.
            while (!present.containsAll(taskIds) && messages.hasMoreElements()) {
                present.add(((Message) messages.nextElement()).getStringProperty(MessageProperties.TASK_ID));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot browse the task queue: " + e.getMessage(), e.getErrorCode(), e);
        }
        if (!present.containsAll(taskIds)) {
            present.addAll(broker.scheduledOrDelivering(MessageProperties.TASK_ID));
        }
        if (!present.containsAll(taskIds)) {
            for (DeadLetter letter : deadLetters.browse(selector)) {
                present.add(letter.taskId());
            }
        }
        present.retainAll(taskIds);
        return present;
    }
}
