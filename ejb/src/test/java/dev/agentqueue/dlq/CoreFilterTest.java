package dev.agentqueue.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CoreFilterTest {

    @Test
    void jmsHeaderFieldsTakeTheBrokersNames() {
        assertEquals(
                "deadLetteredAt <= 5 OR (deadLetteredAt IS NULL AND AMQTimestamp <= 5)",
                CoreFilter.of("deadLetteredAt <= 5 OR (deadLetteredAt IS NULL AND JMSTimestamp <= 5)"));
    }

    @Test
    void quotedStringsStayAsTheyAre() {
        assertEquals(
                "agent = 'JMSTimestamp''s agent' AND AMQPriority > 4",
                CoreFilter.of("agent = 'JMSTimestamp''s agent' AND JMSPriority > 4"));
    }

    @Test
    void identifiersThatMerelyContainAHeaderNameStay() {
        assertEquals(
                "myJMSTimestamp = 1 AND JMSTimestampX = 2", CoreFilter.of("myJMSTimestamp = 1 AND JMSTimestampX = 2"));
    }

    @Test
    void everyMessageStaysEveryMessage() {
        assertNull(CoreFilter.of(null));
    }
}
