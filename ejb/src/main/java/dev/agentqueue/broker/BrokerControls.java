package dev.agentqueue.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses how the broker is managed from {@code agentqueue.broker.management}: {@code embedded} (the default) reads
 * the MBeans of the broker inside the server, {@code remote} (set by server-config/wildfly/configure-remote-broker.cli)
 * sends management messages to an external broker.
 */
@ApplicationScoped
public class BrokerControls {

    /** The configuration property that names the mode. */
    public static final String MODE = "agentqueue.broker.management";

    /** The mode of the broker inside the application server. */
    public static final String EMBEDDED = "embedded";

    /** The mode of an external broker. */
    public static final String REMOTE = "remote";

    @Inject
    @ConfigProperty(name = MODE, defaultValue = EMBEDDED)
    String mode;

    @Inject
    Instance<JmxBrokerControl> embedded;

    @Inject
    Instance<RemoteBrokerControl> remote;

    @Produces
    @ApplicationScoped
    BrokerControl control() {
        return switch (mode) {
            case EMBEDDED -> embedded.get();
            case REMOTE -> remote.get();
            default ->
                throw new IllegalStateException(MODE + " is '" + mode + "'; expected " + EMBEDDED + " or " + REMOTE);
        };
    }
}
