package dev.agentqueue.dlq;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;

/** The fields of a dead letter a {@link LetterCondition} reads: its properties and its JMS timestamp. */
interface LetterFields {

    /** Returns the value of property {@code name}, or {@code null} when the letter has none. */
    Object property(String name);

    /** Returns the letter's JMS timestamp. */
    long timestamp();

    /** Returns the fields of a received or browsed message. */
    static LetterFields of(Message message) {
        return new LetterFields() {
            @Override
            public Object property(String name) {
                try {
                    return message.getObjectProperty(name);
                } catch (JMSException e) {
                    throw new JMSRuntimeException("Cannot read a dead letter: " + e.getMessage(), e.getErrorCode(), e);
                }
            }

            @Override
            public long timestamp() {
                try {
                    return message.getJMSTimestamp();
                } catch (JMSException e) {
                    throw new JMSRuntimeException("Cannot read a dead letter: " + e.getMessage(), e.getErrorCode(), e);
                }
            }
        };
    }
}
