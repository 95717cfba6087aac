package dev.agentqueue.messaging;

import dev.agentqueue.broker.BrokerLogin;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends outside any transaction through long-lived JMS contexts of one connection, each used by one thread at a
 * time. A context keeps its session and producer between sends, where a pooled connection factory's context makes
 * and closes a producer for every send: two more packets to the broker per message.
 */
@ApplicationScoped
public class DirectSender {

    /** Most idle contexts kept per connection; more are closed when returned (there are seldom more senders). */
    static final int MAX_IDLE = 64;

    @Inject
    BrokerLogin login;

    private volatile Link current;

    /**
     * Runs {@code send} on a context of {@code factory}'s connection, opening the connection on first use. A failed
     * send retires the connection with all its contexts, so the next send starts over on a new one (after a broker
     * restart, say) instead of reusing a broken session.
     */
    public void send(ConnectionFactory factory, Consumer<JMSContext> send) {
        Link link = link(factory);
        JMSContext context = link.borrow();
        try {
            send.accept(context);
        } catch (RuntimeException e) {
            closeQuietly(context);
            retire(link);
            throw e;
        }
        link.giveBack(context);
    }

    /**
     * Runs {@code send} on a transacted context of {@code factory}'s connection and commits: every message it sends
     * becomes durable together, with one journal sync on the broker. A failure rolls them all back, and retires the
     * connection as {@link #send} does. The context lives for this one call: a batch spreads its cost over its
     * messages.
     */
    public void sendTransacted(ConnectionFactory factory, Consumer<JMSContext> send) {
        Link link = link(factory);
        JMSContext context;
        try {
            context = link.connection.createContext(JMSContext.SESSION_TRANSACTED);
        } catch (RuntimeException e) {
            retire(link);
            throw e;
        }
        try (context) {
            send.accept(context);
            context.commit();
        } catch (RuntimeException e) {
            retire(link);
            throw e;
        }
    }

    private Link link(ConnectionFactory factory) {
        Link link = current;
        if (link != null) {
            return link;
        }
        synchronized (this) {
            if (current == null) {
                current = new Link(login.open(factory, JMSContext.AUTO_ACKNOWLEDGE));
            }
            return current;
        }
    }

    private synchronized void retire(Link link) {
        if (current == link) {
            current = null;
        }
        link.close();
    }

    /**
     * Closes the idle contexts and gives up the connection; a send still under way finishes, and its context is
     * closed when it is given back. Contexts share the connection by reference count, so it closes with the last.
     */
    @PreDestroy
    synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private static void closeQuietly(JMSContext context) {
        try {
            context.close();
        } catch (JMSRuntimeException e) {
            // Already broken; nothing else holds on to it.
        }
    }

    /** One connection and its idle contexts, most recently used first so that a small working set stays warm. */
    private static final class Link {
        private final JMSContext connection;
        private final Deque<JMSContext> idle = new ConcurrentLinkedDeque<>();
        private final AtomicInteger idleCount = new AtomicInteger();
        private volatile boolean closed;

        Link(JMSContext connection) {
            this.connection = connection;
        }

        JMSContext borrow() {
            JMSContext context = idle.pollFirst();
            if (context == null) {
                return connection.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            }
            idleCount.decrementAndGet();
            return context;
        }

        void giveBack(JMSContext context) {
            if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
                if (!closed) {
                    idleCount.decrementAndGet();
                }
                closeQuietly(context);
                return;
            }
            idle.offerFirst(context);
            if (closed) {
                // Retired while this context was being given back: its close may have drained the deque already.
                closeIdle();
            }
        }

        void close() {
            closed = true;
            closeIdle();
            // The contexts share the connection by reference count: it closes once the last lent-out one is closed.
            closeQuietly(connection);
        }

        private void closeIdle() {
            for (JMSContext context = idle.pollFirst(); context != null; context = idle.pollFirst()) {
                closeQuietly(context);
            }
        }
    }
}
