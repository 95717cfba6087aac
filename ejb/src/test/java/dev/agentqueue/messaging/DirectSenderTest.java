package dev.agentqueue.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentqueue.broker.BrokerLogin;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool logic of {@link DirectSender}: which context a send gets, and what a failure retires. JMS itself is
 * exercised against the real broker by the integration tests; here contexts are plain recording objects.
 */
class DirectSenderTest {

    private final Contexts contexts = new Contexts();
    private final DirectSender sender = new DirectSender();

    DirectSenderTest() {
        // The embedded broker's way: no login of its own.
        sender.login = new BrokerLogin() {
            @Override
            public JMSContext open(ConnectionFactory factory, int sessionMode) {
                return factory.createContext(sessionMode);
            }
        };
    }

    @Test
    void consecutiveSendsReuseOneContextOfOneConnection() {
        List<JMSContext> used = new ArrayList<>();

        sender.send(contexts.factory(), used::add);
        sender.send(contexts.factory(), used::add);

        assertThat(used).hasSize(2).containsOnly(used.get(0));
        assertThat(contexts.connections).isEqualTo(1);
        assertThat(contexts.closed).isEmpty();
    }

    @Test
    void aSendThatFailsRetiresTheConnectionAndTheNextSendOpensANewOne() {
        List<JMSContext> used = new ArrayList<>();
        sender.send(contexts.factory(), used::add);

        assertThatThrownBy(() -> sender.send(contexts.factory(), context -> {
                    used.add(context);
                    throw new JMSRuntimeException("broker gone");
                }))
                .hasMessage("broker gone");
        sender.send(contexts.factory(), used::add);

        assertThat(contexts.connections).isEqualTo(2);
        assertThat(contexts.closed).contains(used.get(1));
        assertThat(used.get(2)).isNotSameAs(used.get(1));
    }

    @Test
    void contextsBeyondTheIdleLimitAreClosedWhenGivenBack() {
        int senders = DirectSender.MAX_IDLE + 3;
        List<JMSContext> held = new ArrayList<>();
        // Each send starts the next one from inside, so all of them hold a context at the same time.
        nest(senders, held);

        assertThat(held).doesNotHaveDuplicates().hasSize(senders);
        assertThat(contexts.closed).hasSize(3);
    }

    @Test
    void closingTheSenderClosesItsIdleContextsAndItsConnection() {
        List<JMSContext> used = new ArrayList<>();
        sender.send(contexts.factory(), used::add);

        sender.close();

        assertThat(contexts.closed).contains(used.get(0));
        assertThat(contexts.closedConnections).isEqualTo(1);
    }

    @Test
    void aContextLentOutWhenTheSenderClosesIsClosedWhenGivenBack() {
        List<JMSContext> used = new ArrayList<>();

        sender.send(contexts.factory(), context -> {
            used.add(context);
            sender.close();
        });

        assertThat(contexts.closed).contains(used.get(0));
    }

    private void nest(int remaining, List<JMSContext> held) {
        if (remaining == 0) {
            return;
        }
        sender.send(contexts.factory(), context -> {
            held.add(context);
            nest(remaining - 1, held);
        });
    }

    /** A connection factory whose contexts record only what the sender does with them. */
    private static final class Contexts {
        int connections;
        int closedConnections;
        final List<JMSContext> closed = new ArrayList<>();

        ConnectionFactory factory() {
            return (ConnectionFactory) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> {
                        if (method.getName().equals("createContext")) {
                            connections++;
                            return context(true);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        private JMSContext context(boolean connection) {
            return (JMSContext) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {JMSContext.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "createContext":
                                return context(false);
                            case "close":
                                if (connection) {
                                    closedConnections++;
                                } else {
                                    closed.add((JMSContext) proxy);
                                }
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            case "toString":
                                return connection ? "connection" : "context@" + System.identityHashCode(proxy);
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }
}
