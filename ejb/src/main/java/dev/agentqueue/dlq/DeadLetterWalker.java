package dev.agentqueue.dlq;

import dev.agentqueue.messaging.DirectSender;
import dev.agentqueue.messaging.JmsNames;
import dev.agentqueue.messaging.MessageForwarder;
import dev.agentqueue.messaging.MessageProperties;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

/**
 * Takes one step of a walk of the dead-letter queue, in one local JMS transaction: receives letters with a plain
 * consumer (without a selector, the broker reads letters in from the page files as they are taken, so memory stays
 * bounded), sends each one the walk's {@link LetterMatch} matches on to a staging queue as it is, and puts every
 * other back at the queue's tail, unchanged but for the walk's mark and the lowest priority. Letters are delivered
 * highest priority first and, within a priority, in order; at the lowest priority behind every letter the walk has not
 * seen, a letter it put back comes round again only once it has seen all the others: then the walk is over. The
 * commit moves the step's letters all at once, so none is lost or doubled.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterWalker {

    /** The wait for a step's first letter: enough for the broker to read the next letters in from its page files. */
    static final long FIRST_WAIT_MS = 1_000;

    /** The wait for each further letter; the consumer's buffer usually has it already. */
    static final long NEXT_WAIT_MS = 250;

    @Resource(name = JmsNames.DIRECT_CONNECTION_FACTORY_REF)
    ConnectionFactory directConnections;

    @Resource(name = JmsNames.DEAD_LETTER_QUEUE_REF)
    Queue deadLetterQueue;

    @Inject
    DirectSender sender;

    @Inject
    MessageForwarder forwarder;

    @Inject
    StagedLetters staged;

    /**
     * Walks on by up to {@code maxLetters} letters of walk {@code walk}, staging those {@code match} matches for a
     * redrive ({@code redrive}) or a purge, up to {@code maxMatches} of them.
     */
    public WalkStep step(String walk, LetterMatch match, boolean redrive, int maxMatches, int maxLetters) {
        int[] seen = {0, 0}; // letters received, of which staged
        boolean[] over = {false, false}; // the walk came round, nothing was there
        sender.sendTransacted(directConnections, context -> {
            JMSConsumer consumer = context.createConsumer(deadLetterQueue);
            Message letter = consumer.receive(FIRST_WAIT_MS);
            over[1] = letter == null;
            while (letter != null) {
                seen[0]++;
                if (walk.equals(walkOf(letter))) {
                    forwarder.copyDeadLetter(context, deadLetterQueue, letter, walk);
                    over[0] = true;
                    return;
                }
                if (match.matches(letter)) {
                    staged.stage(context, letter, redrive);
                    seen[1]++;
                } else {
                    forwarder.copyDeadLetter(context, deadLetterQueue, letter, walk);
                }
                letter = seen[0] < maxLetters && seen[1] < maxMatches ? consumer.receive(NEXT_WAIT_MS) : null;
            }
        });
        return new WalkStep(seen[0], seen[1], over[0], over[1]);
    }

    private static String walkOf(Message letter) {
        try {
            return letter.getStringProperty(MessageProperties.DLQ_WALK);
        } catch (JMSException e) {
            throw new JMSRuntimeException("Cannot read a dead letter: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /**
     * What one step did: how many letters it received, how many of them it staged, whether it met a letter the
     * walk had put back (the walk is over), and whether it found the queue empty.
     */
    public record WalkStep(int seen, int staged, boolean cameRound, boolean empty) {}
}
