package dev.agentqueue.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens JMS contexts on plain (non-pooled) connection factories. The embedded broker lets the server's in-VM
 * connections in as its internal identity; a remote broker wants a login, which a plain factory cannot hold, so in
 * remote mode the context logs in as {@code agentqueue.broker.user} with {@code agentqueue.broker.password} (the
 * environment variables {@code AGENTQUEUE_BROKER_USER} and {@code AGENTQUEUE_BROKER_PASSWORD}).
 */
@ApplicationScoped
public class BrokerLogin {

    @Inject
    @ConfigProperty(name = BrokerControls.MODE, defaultValue = BrokerControls.EMBEDDED)
    String mode;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.user", defaultValue = "agentqueue-server")
    String user;

    @Inject
    @ConfigProperty(name = "agentqueue.broker.password")
    Optional<String> password;

    /** Opens a context of {@code factory} in {@code sessionMode}, logged in when the broker is remote. */
    public JMSContext open(ConnectionFactory factory, int sessionMode) {
        if (BrokerControls.EMBEDDED.equals(mode)) {
            return factory.createContext(sessionMode);
        }
        return factory.createContext(user, password.orElse(null), sessionMode);
    }
}
