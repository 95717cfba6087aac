package dev.agentqueue.bench.probe;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: raw JMS produce and consume of persistent text messages on the same broker as agentqueue, with no
 * Redis, no XA and no task logic. Producers and consumers run at the same time; the rate is messages over the time
 * from the first send to the last receive.
 */
@ApplicationScoped
@JMSDestinationDefinition(
        name = RawJmsCeiling.QUEUE,
        interfaceName = "jakarta.jms.Queue",
        destinationName = "AgentQueueBenchCeiling")
public class RawJmsCeiling {

    static final String QUEUE = "java:app/jms/bench/ceiling";
    private static final long RECEIVE_TIMEOUT_MS = 200;
    private static final long IDLE_LIMIT_NANOS = 60_000_000_000L;

    @Resource(lookup = QUEUE)
    Queue queue;

    /** The broker's plain (in-VM, not pooled, not XA) connection factory: what a raw JMS client would use. */
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource
    ManagedThreadFactory threads;

    /** Sends {@code messages} persistent messages of {@code bytes} bytes and consumes them all; returns timings. */
    public JsonObject run(int messages, int producers, int consumers, int bytes) {
        purge();
        String body = "x".repeat(bytes);
        AtomicInteger received = new AtomicInteger();
        AtomicLong lastReceive = new AtomicLong();
        AtomicLong lastSend = new AtomicLong();
        long start = System.nanoTime();
        Parallel.run(threads, producers + consumers, index -> {
            if (index < producers) {
                produce(Parallel.share(messages, producers, index), body);
                lastSend.accumulateAndGet(System.nanoTime(), Math::max);
            } else {
                consume(messages, received, lastReceive);
            }
        });
        if (received.get() != messages) {
            throw new IllegalStateException("received " + received.get() + " of " + messages + " messages");
        }
        return Json.createObjectBuilder()
                .add("messages", messages)
                .add("producers", producers)
                .add("consumers", consumers)
                .add("bytes", bytes)
                .add("produceSeconds", (lastSend.get() - start) / 1e9)
                .add("seconds", (lastReceive.get() - start) / 1e9)
                .build();
    }

    private void produce(int count, String body) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                producer.send(queue, body);
            }
        }
    }

    private void consume(int total, AtomicInteger received, AtomicLong lastReceive) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(queue)) {
            long idleSince = System.nanoTime();
            while (received.get() < total) {
                if (consumer.receive(RECEIVE_TIMEOUT_MS) != null) {
                    received.incrementAndGet();
                    lastReceive.accumulateAndGet(System.nanoTime(), Math::max);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > IDLE_LIMIT_NANOS) {
                    throw new IllegalStateException("no message for 60 s; received " + received.get() + " of " + total);
                }
            }
        }
    }

    /** Empties the queue of anything an aborted earlier run left behind. */
    private void purge() {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(queue)) {
            while (consumer.receive(RECEIVE_TIMEOUT_MS) != null) {
                // drained
            }
        }
    }
}
